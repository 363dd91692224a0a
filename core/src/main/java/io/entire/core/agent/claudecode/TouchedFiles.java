package io.entire.core.agent.claudecode;

import io.entire.core.json.JsonValue;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Collects repo-relative paths written by file-editing tools; paths outside the repository are dropped. */
final class TouchedFiles {
    private static final Set<String> EDITING_TOOLS = Set.of("Write", "Edit", "MultiEdit", "NotebookEdit");

    private final List<Path> roots = new ArrayList<>();
    private final TreeSet<String> files = new TreeSet<>();

    TouchedFiles(Path repoRoot) {
        Path root = repoRoot.toAbsolutePath().normalize();
        roots.add(root);
        try {
            // On macOS /tmp is a symlink to /private/tmp, and the agent may report either spelling.
            Path real = root.toRealPath();
            if (!real.equals(root)) {
                roots.add(real);
            }
        } catch (IOException | SecurityException notResolvable) {
            // A repository that no longer exists (old transcripts, tests) is matched by its spelling only.
        }
    }

    void addToolUse(JsonValue block) {
        if (!EDITING_TOOLS.contains(block.member("name").stringValue())) {
            return;
        }
        JsonValue input = block.member("input");
        String path = input.member("file_path").stringValue();
        if (path.isEmpty()) {
            path = input.member("notebook_path").stringValue();
        }
        relativize(path).ifPresent(files::add);
    }

    List<String> sorted() {
        return List.copyOf(files);
    }

    Optional<String> relativize(String reported) {
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

    private static String forwardSlashes(Path relative) {
        return relative.toString().replace('\\', '/');
    }
}
