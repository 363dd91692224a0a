package io.entire.core.agent.claudecode;

import io.entire.core.agent.WorkTreePaths;
import io.entire.core.json.JsonValue;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Collects repo-relative paths written by file-editing tools; paths outside the repository are dropped. */
final class TouchedFiles {
    private static final Set<String> EDITING_TOOLS = Set.of("Write", "Edit", "MultiEdit", "NotebookEdit");

    private final WorkTreePaths repository;
    private final TreeSet<String> files = new TreeSet<>();

    TouchedFiles(Path repoRoot) {
        this.repository = new WorkTreePaths(repoRoot);
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
        repository.relativize(path).ifPresent(files::add);
    }

    List<String> sorted() {
        return List.copyOf(files);
    }
}
