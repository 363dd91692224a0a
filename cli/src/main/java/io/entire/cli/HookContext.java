package io.entire.cli;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.GitRepository;
import io.entire.core.git.NotARepositoryException;
import io.entire.core.redact.RedactionRules;
import io.entire.core.settings.Settings;
import io.entire.core.settings.SettingsLoader;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The repository a hook runs in and its settings, when Entire should act there at all: inside a git work tree where
 * {@code entire enable} wrote a settings file that does not say {@code enabled: false}. Anywhere else every hook does
 * nothing, so hooks installed globally or left behind never record in a repository nobody enabled.
 */
record HookContext(GitRepository repository, Settings settings) {
    HookContext {
        requireNonNull(repository, "repository is null");
        requireNonNull(settings, "settings is null");
    }

    /** The project's redaction rules, which every prompt and transcript a hook stores goes through. */
    RedactionRules redactionRules() {
        return new RedactionRules(settings.redaction().allow(), settings.redaction().patterns());
    }

    /** Empty outside a work tree and when Entire is disabled; a broken settings file is an exception. */
    static Optional<HookContext> open(Path directory, HookStreams streams) {
        GitRepository repository;
        try {
            repository = streams.openRepository(directory);
        } catch (NotARepositoryException notHere) {
            return Optional.empty();
        }
        if (!SettingsLoader.isSetUp(repository.workTree())) {
            return Optional.empty();
        }
        Settings settings = SettingsLoader.load(repository.workTree());
        return settings.enabled() ? Optional.of(new HookContext(repository, settings)) : Optional.empty();
    }

    /**
     * The repository a hook's failure is logged in: the one of {@code context} when the hook opened it, else the one
     * Entire was set up in at {@code directory} (a broken settings file kept the hook from opening it the usual way);
     * empty when there is none.
     */
    static Optional<GitRepository> forFailure(Optional<HookContext> context, Optional<Path> directory,
            HookStreams streams) {
        return context.map(HookContext::repository)
                .or(() -> directory.flatMap(found -> setUpRepository(found, streams)));
    }

    private static Optional<GitRepository> setUpRepository(Path directory, HookStreams streams) {
        try {
            GitRepository repository = streams.openRepository(directory);
            return SettingsLoader.isSetUp(repository.workTree()) ? Optional.of(repository) : Optional.empty();
        } catch (RuntimeException notThere) {
            return Optional.empty();   // the failure being reported then goes to stderr, as without a work tree
        }
    }
}
