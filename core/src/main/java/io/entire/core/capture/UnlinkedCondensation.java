package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.Warning;
import io.entire.core.git.GitRepository;
import io.entire.core.id.CheckpointId;
import io.entire.core.session.SessionState;
import io.entire.core.store.StoreSet;
import io.entire.core.store.WriteKind;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Writes the uncommitted work of a session that will never be committed (a stuck session {@code entire doctor --fix}
 * condenses) into a checkpoint no commit links yet: its transcript since its last checkpoint, its prompts and the files
 * its steps touched. {@code entire link} can link it to a commit later.
 */
public final class UnlinkedCondensation {
    private final GitRepository repository;
    private final CaptureSettings settings;

    public UnlinkedCondensation(GitRepository repository, CaptureSettings settings) {
        this.repository = requireNonNull(repository, "repository is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    /** What was written: the transcript's length, where a resumed session's next checkpoint starts, and warnings. */
    public record Written(long transcriptLines, List<Warning> mirrorWarnings) {
        public Written {
            mirrorWarnings = List.copyOf(mirrorWarnings);
        }
    }

    /** Writes the session into checkpoint {@code id}; the caller holds the session's lock. */
    public Written write(StoreSet stores, CheckpointId id, SessionState state) {
        TreeSet<String> files = new TreeSet<>(state.files().keySet());
        files.removeIf(path -> !SessionFiles.recordable(path));
        SessionCheckpointWriter.Written written = new SessionCheckpointWriter(repository, settings).write(stores, id,
                state, state.transcriptStart(), () -> List.copyOf(files), state.prompts(),
                Math.max(1, state.steps().size()), WriteKind.CHECKPOINT, Optional::empty);
        return new Written(written.transcriptEnd(), written.write().mirrorWarnings());
    }
}
