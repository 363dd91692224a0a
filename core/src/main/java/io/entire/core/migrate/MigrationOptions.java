package io.entire.core.migrate;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.CommitSigning;
import io.entire.core.git.Identity;
import java.util.Optional;

/**
 * How to migrate: {@code dryRun} plans and reports without writing; {@code author} replaces the operator's git
 * identity as author; {@code signing} decides whether migrated commits are signed.
 */
public record MigrationOptions(Mode mode, Optional<Identity> author, CommitSigning signing) {
    /** Whether anything is written. */
    public enum Mode {
        WRITE,
        DRY_RUN
    }

    public MigrationOptions {
        requireNonNull(mode, "mode is null");
        requireNonNull(author, "author is null");
        requireNonNull(signing, "signing is null");
    }
}
