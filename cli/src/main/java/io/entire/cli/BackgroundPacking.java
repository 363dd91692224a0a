package io.entire.cli;

import io.entire.core.Environment;
import io.entire.core.store.CheckpointPacker;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * After a checkpoint is written, packs the checkpoint objects ({@link CheckpointPacker}) in a process of its own, so
 * that neither the user's commit nor the command waits for it: {@code entire pack-checkpoints}, internal, started
 * detached in the repository's work tree.
 */
final class BackgroundPacking {
    static final String COMMAND = "pack-checkpoints";
    /** {@code off}: no packing after a checkpoint (the tests' default, so no packer outlives a test's repository). */
    static final String VARIABLE = "ENTIRE_BACKGROUND_PACK";
    private static final String COMPONENT = "pack-checkpoints";

    private BackgroundPacking() {
    }

    /** Starts the packer for the repository at {@code workTree}; a failure to start is logged, never thrown. */
    static void start(Environment environment, Path workTree, HookLog log) {
        if (environment.variable(VARIABLE).filter("off"::equals).isPresent()) {
            return;
        }
        try {
            // The hook's own index (git commit -a's temporary one) may be gone by the time the packer runs.
            Environment packing = environment.withoutVariable("GIT_INDEX_FILE");
            if (!CheckpointPacker.startDetached(workTree, packing.variables(), Main.class.getName(),
                    List.of(COMMAND))) {
                log.record(COMPONENT, "not started: this JVM cannot tell its own executable or class path");
            }
        } catch (RuntimeException e) {
            log.failureLoggedOnly(COMPONENT, e);
        }
    }

    /** {@code entire pack-checkpoints}: packs once, logs what it did; exits 0 whatever happened, as a hook does. */
    static int run(Environment environment, PrintWriter err) {
        Path directory = environment.workingDirectory();
        HookLog log = HookLog.of(Optional.of(directory), err);
        try {
            CheckpointPacker.Outcome outcome = CheckpointPacker.of(directory, environment).pack();
            log.record(COMPONENT, outcome.name().toLowerCase(Locale.ROOT));
        } catch (RuntimeException e) {
            log.failureLoggedOnly(COMPONENT, e);
        }
        return ExitCode.OK;
    }
}
