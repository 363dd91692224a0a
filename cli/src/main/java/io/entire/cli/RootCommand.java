package io.entire.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code entire}: records what AI coding agents did in a git repository. */
@Command(name = "entire", mixinStandardHelpOptions = true,
        description = "Record what AI coding agents did in this git repository and link it to your commits.")
final class RootCommand implements Runnable, IVersionProvider {
    @Spec
    CommandSpec spec;
    private final BuildInfo build;

    RootCommand(BuildInfo build) {
        this.build = build;
    }

    @Override
    public String[] getVersion() {
        return new String[] {build.describe()};
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
