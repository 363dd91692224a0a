package io.entire.cli;

import io.entire.core.doctor.Doctor;
import io.entire.core.doctor.DoctorReport;
import io.entire.core.doctor.HookServerProbe;
import io.entire.core.doctor.LiveSession;
import io.entire.core.doctor.Repair;
import io.entire.core.doctor.RepairOutcome;
import io.entire.core.doctor.StuckSessionRepair;
import io.entire.core.settings.SettingsException;
import io.entire.core.store.StoreSet;
import io.entire.core.workspace.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * {@code entire doctor [--fix [--stuck condense|discard|skip]] [--json]}: checks stuck sessions, hooks, settings,
 * the hook server, the push queue and lost links; {@code --fix} deals with each stuck session, as {@code --stuck}
 * says or as the person at the terminal answers. Exit 1 while a problem remains.
 */
final class DoctorCommand implements CliCommand {
    private static final String FIX = "--fix";
    private static final String STUCK = "--stuck";
    private static final String JSON = "--json";

    private final CliContext context;

    DoctorCommand(CliContext context) {
        this.context = context;
    }

    /** What to do with a stuck session. */
    enum StuckAction {
        CONDENSE,
        DISCARD,
        SKIP
    }

    @Override
    public CommandSpec spec() {
        return CommandSpecs.command(this, "doctor", "Check sessions, hooks, settings, the hook server, the push"
                        + " queue and lost links; 'doctor verify' checks stored checkpoints.")
                .addOption(CommandSpecs.flag("deal with stuck sessions (asks on a terminal)", FIX))
                .addOption(CommandSpecs.option("<action>", "with --fix and no terminal: condense (into a checkpoint"
                        + " no commit links), discard or skip every stuck session", STUCK).build())
                .addOption(CommandSpecs.flag("print one JSON object", JSON));
    }

    @Override
    public int run(ParseResult parsed) {
        Optional<StuckAction> preset = parsed.hasMatchedOption(STUCK) ? Optional.of(action(parsed))
                : Optional.empty();
        try (Workspace workspace = context.openWorkspace()) {
            Optional<StoreSet> stores = storesIfReadable(workspace);
            Doctor doctor = workspace.doctor(probe());
            DoctorReport report = doctor.examine(stores);
            List<Repair> repairs = new ArrayList<>();
            if (parsed.hasMatchedOption(FIX) && !report.stuck().isEmpty() && stores.isPresent()) {
                StuckSessionRepair repair = workspace.stuckSessionRepair();
                boolean canAsk = context.terminal().interactive();
                for (LiveSession session : report.stuck()) {
                    StuckAction action = preset.orElseGet(() -> canAsk ? ask(session) : StuckAction.SKIP);
                    repairs.add(fix(repair, session, action, stores.get()));
                }
                if (preset.isEmpty() && !canAsk) {
                    context.err().println("entire: no terminal to ask what to do with stuck sessions; choose with"
                            + " --stuck condense|discard");
                }
                report = doctor.examine(stores);
            }
            DoctorRendering rendering = new DoctorRendering(context.out());
            if (parsed.hasMatchedOption(JSON)) {
                rendering.json(report, repairs);
            } else {
                rendering.text(report, repairs);
            }
            return report.hasProblems() ? ExitCode.FAILED : ExitCode.OK;
        }
    }

    private static Optional<StoreSet> storesIfReadable(Workspace workspace) {
        try {
            return Optional.of(workspace.stores());
        } catch (SettingsException e) {
            return Optional.empty();
        }
    }

    private static Repair fix(StuckSessionRepair repair, LiveSession session, StuckAction action,
            StoreSet stores) {
        return switch (action) {
            case CONDENSE -> repair.condense(session.state().sessionId(), stores);
            case DISCARD -> repair.discard(session.state().sessionId());
            case SKIP -> new Repair(session.state().sessionId(), RepairOutcome.SKIPPED, Optional.empty(), List.of());
        };
    }

    private StuckAction ask(LiveSession session) {
        String id = session.state().sessionId().value();
        if (context.terminal().confirm("Condense session " + id + " into a checkpoint no commit links?", true)
                .orElse(false)) {
            return StuckAction.CONDENSE;
        }
        return context.terminal().confirm("Discard the uncommitted work of session " + id + "?", false)
                .orElse(false) ? StuckAction.DISCARD : StuckAction.SKIP;
    }

    private static StuckAction action(ParseResult parsed) {
        String value = parsed.matchedOptionValue(STUCK, "");
        if (!parsed.hasMatchedOption(FIX)) {
            throw new ParameterException(parsed.commandSpec().commandLine(), "--stuck goes with --fix");
        }
        try {
            return StuckAction.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(parsed.commandSpec().commandLine(),
                    "--stuck takes condense, discard or skip, not '" + value + "'");
        }
    }

    /** The hook server of this build and JDK, where the launcher puts it (docs/launcher.md). */
    private HookServerProbe probe() {
        if ("off".equals(context.environment().variable("ENTIRE_HOOK_SERVER").orElse(""))) {
            return HookServerProbe.off();
        }
        String cache = context.environment().variable("XDG_CACHE_HOME")
                .orElse(context.environment().home() + "/.cache");
        return HookServerProbe.at(Path.of(cache, "entire", "entire-" + context.build().build() + "-"
                + Runtime.version().feature() + ".sock"));
    }
}
