package io.entire.core.agent;

import io.entire.core.Environment;
import io.entire.core.id.SessionId;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where an agent keeps its transcripts, and which paths a hook payload may name as one. */
public interface TranscriptLocator {
    /**
     * The folder where the agent writes the transcripts of the sessions it runs in {@code workTree}.
     *
     * @param environment where the agent's home is, and the variables that move it ({@code CLAUDE_CONFIG_DIR},
     *     {@code HOME}, ...)
     */
    Path sessionDirectory(Path workTree, Environment environment);

    /** The transcript of {@code session} in the agent's folders (for {@code attach}), or empty. */
    Optional<Path> find(SessionId session, Path workTree, Environment environment);

    /**
     * Whether the transcript a hook payload names may be read: only a file in the agent's own folders, owned by this
     * user, is; anything else is refused with the reason, and the session is recorded without a transcript.
     */
    TranscriptAcceptance accept(Path claimed, Environment environment);

    /**
     * Where a stored copy of {@code session}'s transcript goes back so that the agent resumes the session in
     * {@code workTree}: the file the agent keeps for it now, else the one it would have written, whose name may take
     * parts (the start time) from {@code stored}, the copy, when one is at hand.
     */
    RestoreTarget restoreTarget(SessionId session, Path workTree, Environment environment, Optional<Path> stored);

    /**
     * The work tree {@code transcript} says it was recorded in, when the agent resumes a session only if the paths in
     * its transcript point into the work tree it runs in (Claude Code): a restore in another clone rewrites them.
     * Empty, as by default, when a transcript goes back as it was stored.
     */
    default Optional<Path> recordedWorkTree(Path transcript) {
        return Optional.empty();
    }

    /**
     * What a restore in {@code workTree} rewrites besides the work tree's path in a transcript recorded in
     * {@code recordedWorkTree} (as {@link #recordedWorkTree} found it): paths of the agent's own, outside the work
     * tree, that the resumed agent reads back from its transcript. None, as by default.
     */
    default List<TranscriptRewrite> relocations(Path recordedWorkTree, Path workTree, Environment environment) {
        return List.of();
    }

    /**
     * Every session the agent recorded in {@code workTree} (or a folder inside it) that its files still hold, whether
     * Entire saw it or not, for {@code import}; in no particular order, each session once. Empty, as by default, for an
     * agent whose sessions cannot be listed from files.
     *
     * @throws io.entire.core.EntireException when the agent's folder exists but cannot be listed
     */
    default List<PastSession> pastSessions(Path workTree, Environment environment) {
        return List.of();
    }
}
