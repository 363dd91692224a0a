package io.entire.cli;

import io.entire.core.git.CommitSigning;
import io.entire.core.git.Identity;
import io.entire.core.migrate.MigrationOptions;
import io.entire.core.migrate.MigrationReport;
import io.entire.core.workspace.Workspace;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** {@code entire migrate}: copies checkpoints from the v1 branch into another layout; safe to interrupt and rerun. */
final class MigrateCommand implements CliCommand {
    /** The layouts a migration can target. */
    enum Target {
        refs,
        v2
    }

    private static final String CHECKPOINTS = "--checkpoints";
    private static final String DRY_RUN = "--dry-run";
    private static final String FORCE = "--force";
    private static final String AUTHOR = "--author";
    private static final String SIGNING_KEY = "--signing-key";
    private static final String NO_SIGN = "--no-sign";

    private final CliContext context;

    MigrateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpecs.command(this, "migrate",
                        "Copy checkpoints from the entire/checkpoints/v1 branch into another storage layout. "
                                + "v2 commits carry your identity (or --author) and are never signed.")
                .addOption(OptionSpec.builder(CHECKPOINTS).type(Target.class).required(true).paramLabel("<layout>")
                        .description("target layout: ${COMPLETION-CANDIDATES}").build())
                .addOption(CommandSpecs.flag("report what would be migrated; write nothing", DRY_RUN))
                .addOption(CommandSpecs.flag(
                        "v2 only: rewrite every checkpoint from scratch, not only what is missing", FORCE))
                .addOption(CommandSpecs.option("\"Name <email>\"",
                        "author of the migrated commits (default: your git identity)", AUTHOR).build())
                .addArgGroup(CommandSpecs.oneOf(
                        CommandSpecs.option("<key>", "sign migrated commits with this key", SIGNING_KEY).build(),
                        CommandSpecs.flag("do not sign migrated commits, whatever git config says", NO_SIGN)));
    }

    @Override
    public int run(ParseResult parsed) {
        Target target = parsed.matchedOptionValue(CHECKPOINTS, null);   // required: the parse failed without it
        boolean dryRun = parsed.hasMatchedOption(DRY_RUN);
        boolean force = parsed.hasMatchedOption(FORCE);
        MigrationOptions options = new MigrationOptions(dryRun ? MigrationOptions.Mode.DRY_RUN
                : MigrationOptions.Mode.WRITE, parseAuthor(parsed), signing(parsed));
        if (force && target != Target.v2) {
            throw new ParameterException(parsed.commandSpec().commandLine(),
                    "--force applies to --checkpoints v2 only");
        }
        if (target == Target.v2 && parsed.hasMatchedOption(SIGNING_KEY)) {
            throw new ParameterException(parsed.commandSpec().commandLine(),
                    "--signing-key: v2 storage commits are not signed");
        }
        ProgressLine progress = ProgressLine.forCommand(context, "migrating checkpoints");
        MigrationReport report;
        try (Workspace workspace = context.openWorkspace()) {
            report = switch (target) {
                case refs -> workspace.migrateToRefs(options, progress);
                case v2 -> workspace.migrateToV2(options, force, progress);
            };
        }
        progress.finish();
        report.failed().forEach(failure -> context.err().println("entire: failed: " + failure.text()));
        context.out().println((dryRun ? "dry run: would have " : "") + report.summary());
        return report.failed().isEmpty() ? ExitCode.OK : ExitCode.FAILED;
    }

    private static Optional<Identity> parseAuthor(ParseResult parsed) {
        if (!parsed.hasMatchedOption(AUTHOR)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Identity.parse(parsed.matchedOptionValue(AUTHOR, "")));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(parsed.commandSpec().commandLine(), AUTHOR + ": " + e.getMessage());
        }
    }

    private static CommitSigning signing(ParseResult parsed) {
        if (parsed.hasMatchedOption(NO_SIGN)) {
            return CommitSigning.never();
        }
        return parsed.hasMatchedOption(SIGNING_KEY) ? CommitSigning.withKey(parsed.matchedOptionValue(SIGNING_KEY, ""))
                : CommitSigning.configured();
    }
}
