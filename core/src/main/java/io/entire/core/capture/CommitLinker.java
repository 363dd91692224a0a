package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.Background;
import io.entire.core.SmallFiles;
import io.entire.core.git.Git;
import io.entire.core.git.GitRepository;
import io.entire.core.git.PathChange;
import io.entire.core.git.RepositoryOperation;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import io.entire.core.json.JsonString;
import io.entire.core.session.OwedCheckpoint;
import io.entire.core.session.OwedCheckpoints;
import io.entire.core.session.SessionLock;
import io.entire.core.session.SessionState;
import io.entire.core.session.SessionStore;
import io.entire.core.settings.CommitLinking;
import io.entire.core.settings.SettingsEditor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The commit-message hooks. prepare-commit-msg adds {@code Entire-Checkpoint: <new id>} when sessions of this work
 * tree have work the staged changes take (see {@link SessionFiles#overlap}), or, with no one at a terminal, when a
 * session's turn is running (the agent is committing its own work). It asks first for {@code git commit -m} on a
 * terminal, and explains the trailer in a comment in the editor flow. commit-msg takes the trailer out again when it
 * is all the message holds, so git still refuses an empty commit.
 */
public final class CommitLinker {
    private final GitRepository repository;
    private final SessionStore sessions;
    private final InstantSource clock;

    public CommitLinker(GitRepository repository, SessionStore sessions, InstantSource clock) {
        this.repository = requireNonNull(repository, "repository is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * The staged changes for {@link #prepare}: {@code git diff --cached} starts now, on a thread of its own, when a
     * commit of this source can be linked (no rebase, merge... under way) and this repository has session state at
     * all; else it runs if asked.
     * The JVM's set-up for a first launch starts at the same time on a thread of its own (see
     * {@link Git#prepareLaunches}): it would otherwise follow the diff's launch on the critical path (A/B, 21 runs:
     * 6-8 ms less).
     */
    public Supplier<List<PathChange>> stagedChanges(CommitSource source) {
        if (source.isMessageBeingWritten() && Files.isDirectory(sessions.directory())
                && repository.operationInProgress() == RepositoryOperation.NONE) {
            Git.prepareLaunches();
            return Background.start("staged-changes", () -> repository.changes().staged())::join;
        }
        return () -> repository.changes().staged();
    }

    /**
     * prepare-commit-msg {@code <file> [source]}.
     *
     * @param staged the staged changes, asked for once sessions could take them (see {@link #stagedChanges})
     */
    public LinkResult prepare(Path messageFile, CommitSource source, Supplier<List<PathChange>> staged,
            Interaction interaction, CommitLinking linking, LinkConfirmation confirmation,
            Supplier<CheckpointId> newId) {
        if (!source.isMessageBeingWritten()) {
            return LinkResult.of(LinkOutcome.SKIPPED_SOURCE);
        }
        if (repository.operationInProgress() != RepositoryOperation.NONE) {
            return LinkResult.of(LinkOutcome.SKIPPED_OPERATION);
        }
        CommitMessage message = CommitMessage.parse(read(messageFile));
        // An amend keeps the amended commit's trailers, and new agent work it takes gets a checkpoint of its own.
        if (!message.checkpointIds().isEmpty() && source != CommitSource.AMEND) {
            return LinkResult.of(LinkOutcome.ALREADY_LINKED);
        }
        String worktreeId = repository.worktreeId();
        List<SessionState> candidates = new ArrayList<>();
        for (SessionState state : sessions.listWithWork()) {
            if (state.worktreeId().equals(worktreeId) && (!state.steps().isEmpty() || state.isActive())) {
                candidates.add(state);
            }
        }
        if (candidates.isEmpty()) {
            return LinkResult.of(LinkOutcome.NO_SESSION);
        }
        Map<SessionId, Set<String>> inFlight = new HashMap<>();
        for (SessionState state : candidates) {
            inFlight.put(state.sessionId(), SessionFiles.inFlight(state, repository.workTree()));
        }
        List<SessionState> linked = sessionsToLink(candidates, inFlight, staged.get(), interaction);
        if (linked.isEmpty()) {
            return LinkResult.of(LinkOutcome.NO_OVERLAP);
        }
        if (!confirmed(source, interaction, linking, confirmation, linked.get(0))) {
            return LinkResult.of(LinkOutcome.DECLINED);
        }
        CheckpointId id = newId.get();
        List<SessionId> ids = new ArrayList<>();
        for (SessionState state : linked) {
            ids.add(state.sessionId());
        }
        // Owed from now on, with the sessions it links: a post-commit killed before it could say so itself must not
        // lose this checkpoint, and one that runs before the sessions' state names it (see markPending) finds them.
        OwedCheckpoints owed = new OwedCheckpoints(repository);
        owed.record(OwedCheckpoint.forCommitUnderWay(id, worktreeId, owed.headLogSize(), ids));
        boolean editor = source == CommitSource.EDITOR || source == CommitSource.TEMPLATE;
        write(messageFile, message.withCheckpoint(id, editor));
        return new LinkResult(LinkOutcome.LINKED, Optional.of(id), ids);
    }

    /**
     * After {@link #prepare} linked a commit: the linked sessions' state names the checkpoint as pending. Nothing
     * waits for it (the owed mark names the sessions until then), so a hook does it after its reply; a session the
     * commit's post-commit has already moved past the checkpoint is left as it is.
     */
    public void markPending(LinkResult linked) {
        Optional<CheckpointId> id = linked.checkpointId();
        if (id.isEmpty()) {
            return;
        }
        OwedCheckpoints owed = new OwedCheckpoints(repository);
        for (SessionId session : linked.sessions()) {
            try (SessionLock lock = sessions.lock(session)) {
                // A post-commit names the commit in the mark before it moves any session, and clears it once done.
                Optional<OwedCheckpoint> mark = owed.find(id.get());
                if (mark.isPresent() && mark.get().commit().isEmpty()) {
                    sessions.savePendingCheckpoint(session, id.get(), clock.instant());
                }
            }
        }
    }

    /**
     * The sessions whose work the staged changes take; with no one at a terminal and none of them, the sessions whose
     * turn is running: the agent is committing its own work, maybe files the transcript does not name.
     */
    private static List<SessionState> sessionsToLink(List<SessionState> candidates,
            Map<SessionId, Set<String>> inFlight, List<PathChange> staged, Interaction interaction) {
        List<SessionState> linked = new ArrayList<>();
        for (SessionState state : candidates) {
            if (SessionFiles.overlap(state.files(), inFlight.get(state.sessionId()), staged)) {
                linked.add(state);
            }
        }
        if (linked.isEmpty() && interaction == Interaction.NONE && !staged.isEmpty()) {
            for (SessionState state : candidates) {
                if (state.isActive()) {
                    linked.add(state);
                }
            }
        }
        return linked;
    }

    /**
     * After {@link #prepare} linked a commit to {@code underWay}: removes the marks of earlier attempts at a commit on
     * this HEAD, which were given up. Nothing needs them gone before git goes on, and a mark left behind is dropped
     * by the next attempt or by the hook that finds its commit was never made.
     */
    public void dropGivenUpAttempts(CheckpointId underWay) {
        new OwedCheckpoints(repository).dropGivenUpAttempts(underWay);
    }

    /** commit-msg {@code <file>}: true when it removed a trailer that was all the message held. */
    public boolean removeLonelyTrailer(Path messageFile) {
        CommitMessage message = CommitMessage.parse(read(messageFile));
        if (message.checkpointIds().isEmpty() || message.hasUserContent()) {
            return false;
        }
        write(messageFile, message.withoutCheckpoint());
        return true;
    }

    private boolean confirmed(CommitSource source, Interaction interaction, CommitLinking linking,
            LinkConfirmation confirmation, SessionState session) {
        if (source != CommitSource.MESSAGE || interaction == Interaction.NONE || linking == CommitLinking.ALWAYS) {
            return true;
        }
        String prompt = session.prompts().isEmpty() ? session.firstPrompt()
                : session.prompts().get(session.prompts().size() - 1);
        String context = prompt.isBlank() ? "" : "Last prompt: " + oneLine(prompt);
        LinkAnswer answer = confirmation.ask("Link this commit to " + session.agent().displayName()
                + " session context?", context);
        return switch (answer) {
            case YES -> true;
            case NO -> false;
            case ALWAYS -> {
                SettingsEditor.local(repository.workTree()).update(
                        Map.of("commit_linking", new JsonString(CommitLinking.ALWAYS.settingValue())), Map.of());
                yield true;
            }
        };
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= 80 ? line : line.substring(0, 77) + "...";
    }

    private static String read(Path file) {
        try {
            return SmallFiles.readUtf8(file);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the commit message " + file, e);
        }
    }

    private static void write(Path file, String text) {
        try {
            SmallFiles.overwriteUtf8(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the commit message " + file, e);
        }
    }
}
