package io.entire.core.agent.opencode;

import static java.util.Objects.requireNonNull;

import io.entire.core.OwnFiles;
import io.entire.core.SmallFiles;
import io.entire.core.agent.AgentSettingsHooks;
import io.entire.core.agent.ExistingHooks;
import io.entire.core.agent.HookInstallation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Entire's OpenCode plugin, {@code .opencode/plugins/entire.ts}: the one file is the whole installation. A file
 * there that is not Entire's is never overwritten. Uninstalling removes the plugin and what earlier installs left
 * (the Go tool's {@code entire.ts} or {@code entire.js}, also under the older {@code .opencode/plugin/}), recognised by
 * their marker line, and the plugin folder when that leaves it empty.
 */
final class OpenCodePluginHooks implements AgentSettingsHooks {
    static final String FILE = ".opencode/plugins/entire.ts";
    private static final List<String> EARLIER_FILES = List.of(".opencode/plugins/entire.js",
            ".opencode/plugin/entire.ts", ".opencode/plugin/entire.js");

    private final Path workTree;
    private final Path file;

    OpenCodePluginHooks(Path workTree) {
        this.workTree = requireNonNull(workTree, "workTree is null");
        this.file = workTree.resolve(FILE);
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public void requireNoLink() {
        OwnFiles.requireNoLink(workTree, file);
        EARLIER_FILES.forEach(earlier -> OwnFiles.requireNoLink(workTree, workTree.resolve(earlier)));
    }

    /**
     * Writes the plugin unless it is there as this version renders it; an older Entire plugin of this protocol is
     * kept unless {@code existing} says replace, and the Go tool's (which names no transcript) is always replaced.
     */
    @Override
    public HookInstallation install(String command, ExistingHooks existing) {
        requireNonNull(command, "command is null");
        requireNonNull(existing, "existing is null");
        requireNoLink();
        String plugin = OpenCodePlugin.render(command);
        Optional<String> present = read(file);
        if (present.isPresent() && !OpenCodePlugin.isEntires(present.get())) {
            return new HookInstallation(file, 0, List.of(file + " is not Entire's plugin and was left as it is: move it"
                    + " away and run `entire agent add opencode` to record OpenCode sessions"));
        }
        if (present.isPresent() && (present.get().equals(plugin) || existing == ExistingHooks.KEEP
                && present.get().contains(OpenCodePlugin.TRANSCRIPT_PROTOCOL))) {
            return new HookInstallation(file, 0, List.of());
        }
        write(plugin);
        return new HookInstallation(file, 1, List.of("OpenCode loads " + workTree.relativize(file)
                + " when it starts in this repository; restart a running OpenCode"));
    }

    @Override
    public int uninstall() {
        requireNoLink();
        int removed = 0;
        for (Path candidate : candidates()) {
            if (read(candidate).filter(OpenCodePlugin::isEntires).isPresent()) {
                delete(candidate);
                removed++;
                deleteIfEmpty(candidate.getParent());
            }
        }
        return removed;
    }

    @Override
    public boolean installed() {
        return read(file).filter(text -> text.contains(OpenCodePlugin.MARKER)
                && text.contains(OpenCodePlugin.TRANSCRIPT_PROTOCOL)).isPresent();
    }

    @Override
    public boolean anyInstalled() {
        return candidates().stream().anyMatch(candidate -> read(candidate)
                .filter(text -> text.contains(OpenCodePlugin.MARKER)).isPresent());
    }

    @Override
    public List<String> problems() {
        if (installed()) {
            return List.of();
        }
        return List.of(read(file).isPresent() ? "the plugin " + file + " is not the one this version of Entire writes"
                : "the plugin " + file + " is missing");
    }

    private List<Path> candidates() {
        return Stream.concat(Stream.of(file), EARLIER_FILES.stream().map(workTree::resolve)).toList();
    }

    private void write(String plugin) {
        Path temporary = file.resolveSibling(file.getFileName() + ".entire-tmp");
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(temporary);
            Files.createFile(temporary);
            SmallFiles.writeUtf8(temporary, plugin);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }

    private static Optional<String> read(Path candidate) {
        if (!Files.isRegularFile(candidate, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(SmallFiles.readUtf8(candidate));
        } catch (NoSuchFileException | CharacterCodingException gone) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + candidate, e);
        }
    }

    private static void delete(Path candidate) {
        try {
            Files.deleteIfExists(candidate);
        } catch (IOException e) {
            throw new UncheckedIOException("removing " + candidate, e);
        }
    }

    private static void deleteIfEmpty(Path folder) {
        try {
            Files.deleteIfExists(folder);
        } catch (DirectoryNotEmptyException kept) {
            // The user's other plugins live there.
        } catch (IOException e) {
            throw new UncheckedIOException("removing " + folder, e);
        }
    }
}
