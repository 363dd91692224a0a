package io.entire.core.migrate;

import io.entire.core.CheckpointFailure;
import java.util.List;

/**
 * What a migration run did: counts, each failed checkpoint with its id and reason, how many checkpoints the ref
 * store held that were written into its v1 mirror, how many refs moved from an earlier version's shard, and what
 * became of those refs on each remote.
 */
public record MigrationReport(int migrated, int skipped, List<CheckpointFailure> failed, int mirrorRepaired,
        int resharded, List<String> remoteNotes) {
    public MigrationReport {
        if (migrated < 0 || skipped < 0 || mirrorRepaired < 0 || resharded < 0) {
            throw new IllegalArgumentException("negative count: migrated " + migrated + ", skipped " + skipped
                    + ", repaired " + mirrorRepaired + ", moved " + resharded);
        }
        failed = List.copyOf(failed);
        remoteNotes = List.copyOf(remoteNotes);
    }

    public MigrationReport(int migrated, int skipped, List<CheckpointFailure> failed) {
        this(migrated, skipped, failed, 0, 0, List.of());
    }

    /** The last line the command prints. */
    public String summary() {
        return "migrated " + migrated + ", skipped " + skipped + ", failed " + failed.size()
                + (mirrorRepaired > 0 ? ", repaired " + mirrorRepaired + " in the v1 mirror" : "")
                + (resharded > 0 ? ", moved " + resharded + " to the last-two shard" : "")
                + remoteNotes.stream().map(note -> ", " + note).reduce("", String::concat);
    }
}
