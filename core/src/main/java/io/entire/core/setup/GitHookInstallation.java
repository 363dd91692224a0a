package io.entire.core.setup;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What installing the git hooks did: where, which hooks were written, which foreign hooks were kept as
 * {@code <hook>.pre-entire}; or, when a hook manager owns the hooks, nothing, with instructions to add Entire to it.
 */
public record GitHookInstallation(Path hooksDirectory, List<String> written, List<String> backedUp,
        Optional<HookManager> manager, String instructions) {
    public GitHookInstallation {
        requireNonNull(hooksDirectory, "hooksDirectory is null");
        written = List.copyOf(written);
        backedUp = List.copyOf(backedUp);
        requireNonNull(manager, "manager is null");
        requireNonNull(instructions, "instructions is null");
    }
}
