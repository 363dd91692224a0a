package io.entire.cli;

import io.entire.core.doctor.RedactRewrite;
import io.entire.core.doctor.RewrittenRef;
import io.entire.core.id.CheckpointId;
import io.entire.core.workspace.Workspace;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * {@code entire redact --rewrite <checkpoint-id> | --all}: redacts what a checkpoint already stores with today's
 * rules, and tells what is left to clean on the remote.
 */
final class RedactCommand implements CliCommand {
    private static final String REWRITE = "--rewrite";
    private static final String ALL = "--all";

    private final CliContext context;

    RedactCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpecs.command(this, "redact", "Redact stored checkpoints with today's redaction rules (the"
                        + " project's too): one new commit on each ref holding a copy that changes.")
                .addOption(CommandSpecs.flag("rewrite the checkpoint's stored content", REWRITE))
                .addOption(CommandSpecs.flag("every checkpoint 'entire doctor verify' finds a secret in", ALL))
                .addPositional(CommandSpecs.optionalParameter("<checkpoint-id>", "the checkpoint to rewrite"));
    }

    @Override
    public int run(ParseResult parsed) {
        Optional<String> target = Optional.ofNullable(parsed.matchedPositionalValue(0, (String) null));
        boolean all = parsed.hasMatchedOption(ALL);
        if (!parsed.hasMatchedOption(REWRITE) || all == target.isPresent()) {
            throw new ParameterException(parsed.commandSpec().commandLine(),
                    "say what to rewrite: --rewrite <checkpoint-id>, or --rewrite --all");
        }
        Optional<CheckpointId> id = target.map(text -> CheckpointId.parse(text).orElseThrow(() ->
                new ParameterException(parsed.commandSpec().commandLine(), "'" + text + "' is not a checkpoint id"
                        + " (12 hex digits, or a 26-character ULID)")));
        List<RedactRewrite> rewrites;
        try (Workspace workspace = context.openWorkspace()) {
            rewrites = id.isPresent() ? List.of(workspace.secretRewriter().rewrite(id.get()))
                    : workspace.secretRewriter().rewriteAll();
        }
        render(rewrites, id);
        return ExitCode.OK;
    }

    private void render(List<RedactRewrite> rewrites, Optional<CheckpointId> asked) {
        Set<String> refs = new LinkedHashSet<>();
        for (RedactRewrite rewrite : rewrites) {
            for (RewrittenRef ref : rewrite.rewritten()) {
                context.out().println("Redacted checkpoint " + rewrite.checkpointId() + " on " + ref.ref().name()
                        + ": " + String.join(", ", ref.files()));
                refs.add(ref.ref().name());
            }
        }
        if (refs.isEmpty()) {
            context.out().println(asked.map(id -> "Checkpoint " + id + " holds nothing today's rules redact;"
                    + " nothing changed").orElse("No stored checkpoint holds anything today's rules redact;"
                    + " nothing changed"));
            return;
        }
        context.err().println("The old content is still in the earlier commits of these refs, here and on the"
                + " checkpoint remote:");
        refs.forEach(ref -> context.err().println("  " + ref));
        context.err().println("Push the redacted tips with 'entire checkpoint push' (or your next git push). To drop"
                + " the old commits too, rewrite those refs' history (git filter-repo --replace-text) and push them"
                + " with --force. Treat the secrets as exposed and rotate them.");
    }
}
