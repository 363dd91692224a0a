package io.entire.core.agent;

import io.entire.core.id.SessionId;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Where an agent keeps its transcripts, and which paths a hook payload may name as one. */
public interface TranscriptLocator {
    /**
     * The folder where the agent writes the transcripts of the sessions it runs in {@code workTree}.
     *
     * @param environment the variables that move the agent's home ({@code CLAUDE_CONFIG_DIR}, {@code HOME}, ...)
     */
    Path sessionDirectory(Path workTree, Map<String, String> environment);

    /** The transcript of {@code session} in the agent's folders (for {@code attach}), or empty. */
    Optional<Path> find(SessionId session, Path workTree, Map<String, String> environment);

    /**
     * Whether the transcript a hook payload names may be read: only a file in the agent's own folders, owned by this
     * user, is; anything else is refused with the reason, and the session is recorded without a transcript.
     */
    TranscriptAcceptance accept(Path claimed, Map<String, String> environment);
}
