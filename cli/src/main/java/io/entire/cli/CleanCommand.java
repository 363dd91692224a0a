package io.entire.cli;

import io.entire.core.doctor.CleanItem;
import io.entire.core.doctor.CleanPlan;
import io.entire.core.doctor.CleanResult;
import io.entire.core.doctor.CleanScope;
import io.entire.core.doctor.Cleaner;
import io.entire.core.id.SessionId;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonBoolean;
import io.entire.core.json.JsonValue;
import io.entire.core.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code entire clean [--all] [--session <id>] [--dry-run | --force] [--json]}: lists (by default) or removes what no
 * session needs: orphaned shadow branches, state nothing refers to, stale locks and scratch files.
 */
final class CleanCommand implements CliCommand {
    private static final String ALL = "--all";
    private static final String SESSION = "--session";
    private static final String DRY_RUN = "--dry-run";
    private static final String FORCE = "--force";
    private static final String JSON = "--json";

    private final CliContext context;

    CleanCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpecs.command(this, "clean", "Remove what no session needs: orphaned shadow branches, state"
                        + " nothing refers to, stale locks and scratch files. Lists them unless --force is given;"
                        + " never touches a live session.")
                .addOption(CommandSpecs.flag("every worktree's, not only this one's", ALL))
                .addOption(CommandSpecs.option("<session-id>", "only this ended session's state, files and branch",
                        SESSION).build())
                .addArgGroup(CommandSpecs.oneOf(CommandSpecs.flag("list what would go (the default)", DRY_RUN),
                        CommandSpecs.flag("remove it", FORCE)))
                .addOption(CommandSpecs.flag("print one JSON object", JSON));
    }

    @Override
    public int run(ParseResult parsed) {
        Optional<SessionId> session = parsed.hasMatchedOption(SESSION)
                ? Optional.of(SessionId.of(parsed.matchedOptionValue(SESSION, ""))) : Optional.empty();
        Cleaner cleaner;
        try (Workspace workspace = context.openWorkspace()) {
            cleaner = workspace.cleaner();
        }
        CleanPlan plan = cleaner.plan(new CleanScope(parsed.hasMatchedOption(ALL), session));
        boolean force = parsed.hasMatchedOption(FORCE);
        CleanResult result = force ? cleaner.apply(plan) : new CleanResult(List.of(), List.of());
        plan.notes().forEach(context::error);
        if (parsed.hasMatchedOption(JSON)) {
            List<JsonValue> items = new ArrayList<>();
            for (CleanItem item : force ? result.removed() : plan.items()) {
                items.add(new JsonOut().put("kind", item.kind().value()).put("target", item.target())
                        .put("reason", item.reason()).build());
            }
            JsonOut.print(context.out(), new JsonOut().put("dry_run", new JsonBoolean(!force))
                    .put(force ? "removed" : "would_remove", new JsonArray(items))
                    .putStrings("kept", result.kept()).build());
        } else if (!force) {
            plan.items().forEach(item -> context.out().println("would remove " + describe(item)));
            context.out().println(plan.items().isEmpty() ? "Nothing to clean."
                    : plan.items().size() + " item(s); run 'entire clean --force' to remove them.");
        } else {
            result.removed().forEach(item -> context.out().println("removed " + describe(item)));
            result.kept().forEach(kept -> context.err().println("kept " + kept));
            context.out().println("Removed " + result.removed().size() + " item(s).");
        }
        return ExitCode.OK;
    }

    private static String describe(CleanItem item) {
        return item.kind().value() + " " + item.target() + " (" + item.reason() + ")";
    }
}
