package io.entire.core.migrate;

import io.entire.core.CheckpointFailure;
import java.util.List;

/**
 * What a migration run did: counts, each failed checkpoint with its id and reason, and how many checkpoints the
 * ref store held that were written into its v1 mirror.
 */
public record MigrationReport(int migrated, int skipped, List<CheckpointFailure> failed, int mirrorRepaired) {
    public MigrationReport {
        if (migrated < 0 || skipped < 0 || mirrorRepaired < 0) {
            throw new IllegalArgumentException("negative count: migrated " + migrated + ", skipped " + skipped
                    + ", repaired " + mirrorRepaired);
        }
        failed = List.copyOf(failed);
    }

    public MigrationReport(int migrated, int skipped, List<CheckpointFailure> failed) {
        this(migrated, skipped, failed, 0);
    }

    /** The last line the command prints. */
    public String summary() {
        return "migrated " + migrated + ", skipped " + skipped + ", failed " + failed.size()
                + (mirrorRepaired > 0 ? ", repaired " + mirrorRepaired + " in the v1 mirror" : "");
    }
}
