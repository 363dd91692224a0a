package io.entire.core.setup;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Installs and removes Entire's git hooks in one hooks directory. A foreign hook found in place is renamed to
 * {@code <hook>.pre-entire} and keeps running after Entire's; uninstalling puts it back. When a hook manager owns
 * the directory, nothing is written and the installation says how to add Entire to the manager instead.
 */
final class GitHookInstaller {
    private final Path directory;

    GitHookInstaller(Path directory) {
        this.directory = requireNonNull(directory, "directory is null");
    }

    GitHookInstallation install(String command) {
        Optional<HookManager> manager = manager();
        if (manager.isPresent()) {
            return new GitHookInstallation(directory, List.of(), List.of(), manager,
                    manager.get().instructions(command));
        }
        List<String> written = new ArrayList<>();
        List<String> backedUp = new ArrayList<>();
        try {
            if (Files.exists(directory) && !Files.isDirectory(directory)) {
                throw new EntireException(EntireException.Category.STATE, "git runs hooks from " + directory
                        + ", which is not a directory; see where core.hooksPath is set: git config --show-origin"
                        + " core.hooksPath");
            }
            Files.createDirectories(directory);
            for (String hook : GitHookScripts.HOOKS) {
                Path file = directory.resolve(hook);
                Path backup = directory.resolve(hook + GitHookScripts.BACKUP_SUFFIX);
                Optional<String> current = read(file);
                if (current.isPresent() && !GitHookScripts.isOurs(current.get())) {
                    if (Files.exists(backup)) {
                        throw new EntireException(EntireException.Category.STATE, "both " + file + " and " + backup
                                + " exist and neither is Entire's; merge them into " + backup + ", then enable again");
                    }
                    Files.move(file, backup);
                    backedUp.add(hook);
                }
                String script = GitHookScripts.script(hook, command);
                if (!current.equals(Optional.of(script))) {
                    Path temporary = directory.resolve(hook + ".entire-tmp");
                    Files.writeString(temporary, script, StandardCharsets.UTF_8);
                    Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rwxr-xr-x"));
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    written.add(hook);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("installing git hooks in " + directory, e);
        }
        return new GitHookInstallation(directory, written, backedUp, Optional.empty(), "");
    }

    /** Removes Entire's hooks and restores the ones they replaced; returns the hooks removed. */
    List<String> uninstall() {
        List<String> removed = new ArrayList<>();
        try {
            for (String hook : GitHookScripts.HOOKS) {
                Path file = directory.resolve(hook);
                Path backup = directory.resolve(hook + GitHookScripts.BACKUP_SUFFIX);
                Optional<String> current = read(file);
                if (current.isPresent() && GitHookScripts.isOurs(current.get())) {
                    Files.delete(file);
                    removed.add(hook);
                    current = Optional.empty();
                }
                if (current.isEmpty() && Files.exists(backup)) {
                    Files.move(backup, file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("removing git hooks from " + directory, e);
        }
        return removed;
    }

    /** Whether every Entire hook is in place. */
    /** Whether every hook runs Entire: ours in place, or the lines a hook manager was asked for in its files. */
    boolean installed(Path workTree) {
        Optional<HookManager> manager = manager();
        if (manager.isPresent()) {
            return manager.get().runsEntire(workTree, directory);
        }
        return GitHookScripts.HOOKS.stream().allMatch(hook -> read(directory.resolve(hook))
                .map(GitHookScripts::isOurs).orElse(false));
    }

    /** The hook manager that owns this directory, if one does. */
    Optional<HookManager> manager() {
        List<String> existing = new ArrayList<>();
        for (String hook : GitHookScripts.HOOKS) {
            read(directory.resolve(hook)).ifPresent(existing::add);
        }
        return HookManager.detect(directory.toString().replace('\\', '/'), existing);
    }

    /** A hook file's text, empty when there is none; bytes that are not UTF-8 are replaced, never an error. */
    static Optional<String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }
}
