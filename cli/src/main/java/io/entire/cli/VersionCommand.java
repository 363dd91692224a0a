package io.entire.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code entire version}: the version and build id. */
@Command(name = "version", description = "Print the version and build id.")
final class VersionCommand implements Callable<Integer> {
    private final CliContext context;

    VersionCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        context.out().println(context.build().describe());
        return ExitCode.OK;
    }
}
