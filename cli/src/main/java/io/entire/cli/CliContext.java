package io.entire.cli;

import static java.util.Objects.requireNonNull;

import io.entire.core.Environment;
import io.entire.core.capture.ClaudeCompactTranscripts;
import io.entire.core.git.GitRepository;
import io.entire.core.settings.SettingsLoader;
import io.entire.core.store.StoreSet;
import io.entire.core.store.V2Store;
import java.io.PrintWriter;

/** What every command gets from {@link Main}: the environment it runs in, the writers and the terminal. */
public record CliContext(Environment environment, PrintWriter out, PrintWriter err, BuildInfo build,
        Terminal terminal) {
    public CliContext {
        requireNonNull(environment, "environment is null");
        requireNonNull(out, "out is null");
        requireNonNull(err, "err is null");
        requireNonNull(build, "build is null");
        requireNonNull(terminal, "terminal is null");
    }

    public GitRepository openRepository() {
        return GitRepository.open(environment.workingDirectory(), environment);
    }

    /** The stores the repository's settings select. */
    public StoreSet openStores(GitRepository repository) {
        return StoreSet.open(repository, SettingsLoader.load(repository.workTree()), build.version(),
                new ClaudeCompactTranscripts(build.version()), V2Store.GENERATION_SIZE);
    }
}
