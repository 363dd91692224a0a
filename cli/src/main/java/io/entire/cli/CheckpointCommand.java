package io.entire.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code entire checkpoint}: the group of commands over stored checkpoints. */
@Command(name = "checkpoint", mixinStandardHelpOptions = true, description = "Work with stored checkpoints.")
final class CheckpointCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
