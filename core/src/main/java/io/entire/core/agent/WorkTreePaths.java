package io.entire.core.agent;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the paths an agent's tools report into paths relative to the work tree, with forward slashes; a path outside
 * the work tree, or one that is not a path, has none.
 */
public final class WorkTreePaths {
    private final List<Path> roots = new ArrayList<>();

    public WorkTreePaths(Path workTree) {
        Path root = workTree.toAbsolutePath().normalize();
        roots.add(root);
        try {
            // On macOS /tmp is a symlink to /private/tmp, and the agent may report either spelling.
            Path real = root.toRealPath();
            if (!real.equals(root)) {
                roots.add(real);
            }
        } catch (IOException | SecurityException notResolvable) {
            // A work tree that no longer exists (old transcripts, tests) is matched by its spelling only.
        }
    }

    /** The work-tree-relative form of {@code reported}, absolute or relative to the work tree. */
    public Optional<String> relativize(String reported) {
        if (reported.isEmpty()) {
            return Optional.empty();
        }
        Path path;
        try {
            path = Path.of(reported.replace('\\', '/')).normalize();
        } catch (InvalidPathException notAPath) {
            return Optional.empty();
        }
        if (path.isAbsolute()) {
            for (Path root : roots) {
                if (path.startsWith(root) && !path.equals(root)) {
                    return Optional.of(forwardSlashes(root.relativize(path)));
                }
            }
            return Optional.empty();
        }
        if (path.startsWith("..") || path.toString().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(forwardSlashes(path));
    }

    /** Whether {@code reported}, an absolute path an agent recorded as its working directory, is in the work tree. */
    public boolean contains(String reported) {
        Path path;
        try {
            path = Path.of(reported).normalize();
        } catch (InvalidPathException notAPath) {
            return false;
        }
        return path.isAbsolute() && roots.stream().anyMatch(path::startsWith);
    }

    private static String forwardSlashes(Path relative) {
        return relative.toString().replace('\\', '/');
    }
}
