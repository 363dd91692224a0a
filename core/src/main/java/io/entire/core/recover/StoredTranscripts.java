package io.entire.core.recover;

import static java.util.Objects.requireNonNull;

import io.entire.core.ScratchSpace;
import io.entire.core.agent.Agent;
import io.entire.core.agent.RestoreTarget;
import io.entire.core.git.GitRepository;
import io.entire.core.id.SessionId;
import io.entire.core.store.StoreSet;
import io.entire.core.store.StoredSession;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Puts a stored session's transcript where its agent looks for it in this work tree (the agent's locator says where),
 * so the session resumes here, on any machine or path: a Claude Code transcript with the paths that pointed into the
 * clone it was recorded in rewritten to this one, any other as it was stored.
 */
final class StoredTranscripts {
    private final GitRepository repository;
    private final AgentTranscripts agents;
    private final TranscriptFiles files;

    StoredTranscripts(GitRepository repository, AgentTranscripts agents, TranscriptFiles files) {
        this.repository = requireNonNull(repository, "repository is null");
        this.agents = requireNonNull(agents, "agents is null");
        this.files = requireNonNull(files, "files is null");
    }

    /**
     * Finds out before anything is written that the session's agent is known here and that every object of the
     * transcript is there (reading it once).
     */
    void requireRestorable(StoreSet.Located located, StoredSession session) {
        agentOf(located, session);
        requireReadable(located, session);
    }

    private static void requireReadable(StoreSet.Located located, StoredSession session) {
        try {
            located.store().copyTranscript(located.checkpoint(), session, OutputStream.nullOutputStream());
        } catch (RuntimeException e) {
            throw new PointDataMissingException("checkpoint " + located.checkpoint().id(), "the transcript of session "
                    + session.metadata().sessionId() + " cannot be read (" + e.getMessage() + "); nothing was changed",
                    e);
        }
    }

    /** The agent that recorded {@code session}; a session of an agent this program does not know cannot go back. */
    private Agent agentOf(StoreSet.Located located, StoredSession session) {
        Optional<String> named = session.metadata().agent();
        return agents.named(named).orElseThrow(() -> new PointDataMissingException("checkpoint "
                + located.checkpoint().id(), "session " + session.metadata().sessionId() + " was recorded by "
                + named.orElseThrow() + ", an agent not installed here; nothing was changed"));
    }

    TranscriptRestore restore(StoreSet.Located located, StoredSession session, Overwrite overwrite) {
        SessionId id = session.metadata().sessionId();
        Agent agent = agentOf(located, session);
        Path workTree = repository.workTree();
        try (ScratchSpace scratch = ScratchSpace.open(repository.commonDir().resolve("entire-tmp"))) {
            Path raw = scratch.directory().resolve("stored.jsonl");
            try (OutputStream out = Files.newOutputStream(raw)) {
                located.store().copyTranscript(located.checkpoint(), session, out);
            }
            Path content = raw;
            Optional<Path> recorded = agents.recordedWorkTree(agent, raw).map(cwd ->
                    TranscriptRelocation.originalWorkTree(raw, cwd, session.metadata().filesTouched()));
            boolean elsewhere = recorded.isPresent() && !recorded.get().equals(workTree)
                    && !recorded.get().equals(realPath(workTree));
            if (elsewhere) {
                content = scratch.directory().resolve("relocated.jsonl");
                TranscriptRelocation.rewrite(raw, content, recorded.get(), workTree,
                        agents.relocations(agent, recorded.get(), workTree));
            }
            RestoreTarget target = agents.restoreTarget(agent, id, workTree, Optional.of(content));
            TranscriptFiles.Written written = files.replace(id, target.file(), content, overwrite);
            return new TranscriptRestore(id, target.file(), written.outcome(), written.backup(),
                    target.beforeResuming(), agent.resumeCommand(id));
        } catch (IOException e) {
            throw new UncheckedIOException("restoring the transcript of session " + id, e);
        }
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException notResolvable) {
            return path;
        }
    }
}
