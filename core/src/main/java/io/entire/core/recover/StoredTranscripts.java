package io.entire.core.recover;

import static java.util.Objects.requireNonNull;

import io.entire.core.ScratchSpace;
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
 * Puts a stored session's transcript where its agent looks for it in this work tree, with the paths that pointed
 * into the clone it was recorded in rewritten to this one, so the session resumes here, on any machine or path.
 */
final class StoredTranscripts {
    private final GitRepository repository;
    private final AgentTranscripts agent;
    private final TranscriptFiles files;

    StoredTranscripts(GitRepository repository, AgentTranscripts agent, TranscriptFiles files) {
        this.repository = requireNonNull(repository, "repository is null");
        this.agent = requireNonNull(agent, "agent is null");
        this.files = requireNonNull(files, "files is null");
    }

    /** Reads the transcript once, to find out before anything is written that every object of it is there. */
    static void requireReadable(StoreSet.Located located, StoredSession session) {
        try {
            located.store().copyTranscript(located.checkpoint(), session, OutputStream.nullOutputStream());
        } catch (RuntimeException e) {
            throw new PointDataMissingException("checkpoint " + located.checkpoint().id(), "the transcript of session "
                    + session.metadata().sessionId() + " cannot be read (" + e.getMessage() + "); nothing was changed",
                    e);
        }
    }

    TranscriptRestore restore(StoreSet.Located located, StoredSession session, Overwrite overwrite) {
        SessionId id = session.metadata().sessionId();
        Path workTree = repository.workTree();
        Path target = agent.transcriptFile(workTree, id);
        try (ScratchSpace scratch = ScratchSpace.open(repository.commonDir().resolve("entire-tmp"))) {
            Path raw = scratch.directory().resolve("stored.jsonl");
            try (OutputStream out = Files.newOutputStream(raw)) {
                located.store().copyTranscript(located.checkpoint(), session, out);
            }
            Path content = raw;
            Optional<Path> recorded = agent.recordedWorkTree(raw).map(cwd -> TranscriptRelocation.originalWorkTree(raw,
                    cwd, session.metadata().filesTouched()));
            boolean elsewhere = recorded.isPresent() && !recorded.get().equals(workTree)
                    && !recorded.get().equals(realPath(workTree));
            if (elsewhere) {
                content = scratch.directory().resolve("relocated.jsonl");
                TranscriptRelocation.rewrite(raw, content, recorded.get(), workTree);
            }
            TranscriptFiles.Written written = files.replace(id, target, content, overwrite);
            return new TranscriptRestore(id, target, written.outcome(), written.backup(), agent.resumeCommand(id));
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
