package io.entire.cli;

import io.entire.core.capture.AttachRequest;
import io.entire.core.capture.AttachResult;
import io.entire.core.capture.Attacher;
import io.entire.core.id.SessionId;
import io.entire.core.trailers.Trailers;
import io.entire.core.workspace.Workspace;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** {@code entire attach}: captures a session the hooks missed and links it to HEAD. */
final class AttachCommand implements CliCommand {
    private static final String FORCE = "--force";

    private final CliContext context;

    AttachCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpecs.command(this, "attach",
                        "Capture an agent session into a checkpoint and link it to the last commit (HEAD).")
                .addPositional(CommandSpecs.parameter("<session-id>",
                        "the agent's session id (the transcript's file name)"))
                .addOption(CommandSpecs.agentOption("which agent wrote the session"))
                .addOption(CommandSpecs.flag("amend HEAD to add the trailer without asking", "-f", FORCE));
    }

    @Override
    public int run(ParseResult parsed) {
        AttachRequest request = new AttachRequest(SessionId.of(parsed.matchedPositionalValue(0, "")),
                CommandSpecs.agent(parsed, context.environment()));
        boolean force = parsed.hasMatchedOption(FORCE);
        try (Workspace workspace = context.openWorkspace()) {
            Attacher attacher = workspace.attacher();
            AttachResult result = attacher.attach(request);
            render(result);
            if (!result.headLinked()) {
                boolean link = force || context.terminal().confirm("Amend HEAD (" + result.head().abbreviated()
                        + ") to add '" + Trailers.checkpointLine(result.checkpointId()) + "'?", true).orElse(false);
                if (link) {
                    attacher.linkHead(result.checkpointId(), result.head());
                    context.out().println("Linked: HEAD now carries " + Trailers.checkpointLine(result.checkpointId()));
                } else {
                    context.out().println("HEAD was left alone. To link the commit, add this trailer to its message:");
                    context.out().println("  " + Trailers.checkpointLine(result.checkpointId()));
                    context.out().println("e.g. git commit --amend --trailer \""
                            + Trailers.checkpointLine(result.checkpointId()) + "\"  (or rerun with --force)");
                }
            }
            if (result.changed()) {
                BackgroundPacking.start(context.environment(), workspace.workTree(),
                        HookLog.of(Optional.of(workspace.workTree()), context.err()));
            }
        }
        return ExitCode.OK;
    }

    private void render(AttachResult result) {
        result.mirrorWarnings().forEach(warning -> context.error("warning: " + warning.text()));
        if (result.skippedLines() > 0) {
            context.err().println("entire: skipped " + result.skippedLines() + " malformed line(s) in "
                    + result.transcript());
        }
        if (!result.changed()) {
            context.out().println("Checkpoint " + result.checkpointId() + " already holds session " + result.sessionId()
                    + " as it is now; nothing changed.");
            return;
        }
        context.out().println("Attached session " + result.sessionId() + " to checkpoint " + result.checkpointId()
                + " (session slot " + result.slot() + ")");
        context.out().println("  turns:  " + result.turns());
        context.out().println("  model:  " + (result.model().isEmpty() ? "unknown" : result.model()));
        context.out().println("  tokens: " + Format.tokens(result.tokenUsage()));
        context.out().println("  files:  " + result.filesTouched().size() + " touched");
        if (result.secretsRedacted() > 0) {
            context.out().println("  redacted " + result.secretsRedacted() + " secret(s) before storing");
        }
    }
}
