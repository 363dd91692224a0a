package io.entire.core.migrate;

import java.util.List;

/** What a migration run did: counts, and each failed checkpoint with its id and reason. */
public record MigrationReport(int migrated, int skipped, List<String> failed) {
    public MigrationReport {
        if (migrated < 0 || skipped < 0) {
            throw new IllegalArgumentException("negative count: migrated " + migrated + ", skipped " + skipped);
        }
        failed = List.copyOf(failed);
    }

    /** The last line the command prints. */
    public String summary() {
        return "migrated " + migrated + ", skipped " + skipped + ", failed " + failed.size();
    }
}
