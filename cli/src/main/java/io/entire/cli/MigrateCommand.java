package io.entire.cli;

import io.entire.core.git.CommitSigning;
import io.entire.core.git.GitRepository;
import io.entire.core.git.Identity;
import io.entire.core.migrate.MigrationOptions;
import io.entire.core.migrate.MigrationProgress;
import io.entire.core.migrate.MigrationReport;
import io.entire.core.migrate.RefsMigration;
import io.entire.core.store.StoreSet;
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
        description = "Copy checkpoints from the entire/checkpoints/v1 branch into another storage layout.")
final class MigrateCommand implements Callable<Integer> {
    /** The layouts a migration can target. */
    enum Target {
        refs
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoints", required = true, paramLabel = "<layout>",
            description = "target layout: ${COMPLETION-CANDIDATES}")
    Target target;

    @Option(names = "--dry-run", description = "report what would be migrated; write nothing")
    boolean dryRun;

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
        GitRepository repository = context.openRepository();
        Progress progress = new Progress(context);
        MigrationReport report;
        try (StoreSet stores = StoreSet.forRefsMigration(repository, context.build().version())) {
            report = new RefsMigration(repository, stores, options, progress).run();
        }
        progress.finish();
        report.failed().forEach(failure -> context.err().println("entire: failed: " + failure));
        context.out().println((dryRun ? "dry run: would have " : "") + report.summary());
        return report.failed().isEmpty() ? ExitCode.OK : ExitCode.FAILED;
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
