package io.entire.core.agent.codex;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The files an {@code apply_patch} envelope names ({@code *** Add File: p}, {@code *** Update File: p},
 * {@code *** Delete File: p}, and a rename's {@code *** Move to: p}), in order, each once, as written: relative to
 * the turn's working directory, or absolute.
 */
final class ApplyPatchFiles {
    private static final List<String> HEADERS = List.of("*** Add File: ", "*** Update File: ", "*** Delete File: ",
            "*** Move to: ");

    private ApplyPatchFiles() {
    }

    static List<String> named(String patch) {
        Set<String> files = new LinkedHashSet<>();
        for (String line : patch.split("\n", -1)) {
            String trimmed = line.strip();
            for (String header : HEADERS) {
                if (trimmed.startsWith(header)) {
                    String path = trimmed.substring(header.length()).strip();
                    if (!path.isEmpty()) {
                        files.add(path);
                    }
                }
            }
        }
        return List.copyOf(files);
    }
}
