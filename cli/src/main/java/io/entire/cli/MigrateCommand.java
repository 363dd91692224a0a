package io.entire.cli;

import io.entire.core.capture.ClaudeCompactTranscripts;
import io.entire.core.git.CommitSigning;
import io.entire.core.git.GitRepository;
import io.entire.core.git.Identity;
import io.entire.core.migrate.MigrationOptions;
import io.entire.core.migrate.MigrationProgress;
import io.entire.core.migrate.MigrationReport;
import io.entire.core.migrate.RefsMigration;
import io.entire.core.migrate.V2Migration;
import io.entire.core.store.StoreSet;
import io.entire.core.store.V2MigrationPlanner;
import io.entire.core.store.V2Store;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code entire migrate}: copies checkpoints from the v1 branch into another layout; safe to interrupt and rerun. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Copy checkpoints from the entire/checkpoints/v1 branch into another storage layout. "
                + "v2 commits carry your identity (or --author) and are never signed.")
final class MigrateCommand implements Callable<Integer> {
    /** The layouts a migration can target. */
    enum Target {
        refs,
        v2
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoints", required = true, paramLabel = "<layout>",
            description = "target layout: ${COMPLETION-CANDIDATES}")
    Target target;

    @Option(names = "--dry-run", description = "report what would be migrated; write nothing")
    boolean dryRun;

    @Option(names = "--force", description = "v2 only: rewrite every checkpoint from scratch, not only what is missing")
    boolean force;

    @Option(names = "--author", paramLabel = "\"Name <email>\"",
            description = "author of the migrated commits (default: your git identity)")
    String author;

    @ArgGroup(exclusive = true)
    SigningChoice signing;

    /** --signing-key and --no-sign exclude each other. */
    static final class SigningChoice {
        @Option(names = "--signing-key", paramLabel = "<key>", description = "sign migrated commits with this key")
        String key;

        @Option(names = "--no-sign", description = "do not sign migrated commits, whatever git config says")
        boolean noSign;
    }

    private final CliContext context;

    MigrateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        MigrationOptions options = new MigrationOptions(dryRun ? MigrationOptions.Mode.DRY_RUN
                : MigrationOptions.Mode.WRITE, parseAuthor(), signing());
        if (force && target != Target.v2) {
            throw new ParameterException(spec.commandLine(), "--force applies to --checkpoints v2 only");
        }
        if (target == Target.v2 && signing != null && signing.key != null) {
            throw new ParameterException(spec.commandLine(), "--signing-key: v2 storage commits are not signed");
        }
        GitRepository repository = context.openRepository();
        Progress progress = new Progress(context);
        MigrationReport report = switch (target) {
            case refs -> migrateToRefs(repository, options, progress);
            case v2 -> migrateToV2(repository, options, progress);
        };
        progress.finish();
        report.failed().forEach(failure -> context.err().println("entire: failed: " + failure));
        context.out().println((dryRun ? "dry run: would have " : "") + report.summary());
        return report.failed().isEmpty() ? ExitCode.OK : ExitCode.FAILED;
    }

    private MigrationReport migrateToRefs(GitRepository repository, MigrationOptions options, Progress progress) {
        try (StoreSet stores = StoreSet.forRefsMigration(repository, context.build().version())) {
            return new RefsMigration(repository, stores, options, progress).run();
        }
    }

    private MigrationReport migrateToV2(GitRepository repository, MigrationOptions options, Progress progress) {
        String version = context.build().version();
        try (StoreSet stores = StoreSet.forV2Migration(repository, version, new ClaudeCompactTranscripts(version),
                V2Store.GENERATION_SIZE)) {
            return new V2Migration(repository, stores, options, force ? V2MigrationPlanner.Scope.EVERYTHING
                    : V2MigrationPlanner.Scope.MISSING, progress).run();
        }
    }

    private Optional<Identity> parseAuthor() {
        if (author == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Identity.parse(author));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--author: " + e.getMessage());
        }
    }

    private CommitSigning signing() {
        if (signing == null) {
            return CommitSigning.configured();
        }
        return signing.noSign ? CommitSigning.never() : CommitSigning.withKey(signing.key);
    }

    /** A progress line on a terminal's stderr; nothing elsewhere. */
    private static final class Progress implements MigrationProgress {
        private final CliContext context;
        private boolean drawn;

        Progress(CliContext context) {
            this.context = context;
        }

        @Override
        public void update(int done, int total) {
            if (context.terminal().interactive()) {
                context.err().print("\rmigrating checkpoints: " + done + "/" + total);
                context.err().flush();
                drawn = true;
            }
        }

        void finish() {
            if (drawn) {
                context.err().println();
            }
        }
    }
}
