package io.entire.cli;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.claudecode.ClaudeCompactTranscripts;
import io.entire.core.git.GitRepository;
import io.entire.core.push.PushQueue;
import io.entire.core.settings.SettingsLoader;
import io.entire.core.store.StoreSet;
import io.entire.core.store.v2.V2Store;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/** What every command gets from {@link Main}: where it runs, the environment, the writers and the terminal. */
public record CliContext(Path workingDirectory, Map<String, String> environment, PrintWriter out, PrintWriter err,
        BuildInfo build, Terminal terminal) {
    public CliContext {
        requireNonNull(workingDirectory, "workingDirectory is null");
        environment = Map.copyOf(environment);
        requireNonNull(out, "out is null");
        requireNonNull(err, "err is null");
        requireNonNull(build, "build is null");
        requireNonNull(terminal, "terminal is null");
    }

    public GitRepository openRepository() {
        return GitRepository.open(workingDirectory);
    }

    /** The stores the repository's settings select. */
    public StoreSet openStores(GitRepository repository) {
        return StoreSet.open(repository, SettingsLoader.load(repository.workTree()), build.version(),
                new PushQueue(repository.commonDir()), new ClaudeCompactTranscripts(build.version())::build,
                V2Store.GENERATION_SIZE);
    }
}
