package io.entire.core.agent.codex;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lines an {@code apply_patch} envelope adds, per file as the patch names it: every {@code +} line of an added
 * file and of an updated file's hunks, under the rename's new name when it moves the file.
 */
final class PatchWrites {
    private static final List<String> WRITTEN_FILE_HEADERS = List.of("*** Add File: ", "*** Update File: ",
            "*** Move to: ");

    private PatchWrites() {
    }

    /** The added lines of each file, joined with newlines, in the order the patch names the files. */
    static Map<String, String> added(String patch) {
        Map<String, StringBuilder> added = new LinkedHashMap<>();
        String file = null;
        for (String line : patch.split("\n", -1)) {
            if (line.startsWith("*** ")) {
                file = writtenFile(line.strip());
            } else if (file != null && line.startsWith("+")) {
                StringBuilder text = added.computeIfAbsent(file, key -> new StringBuilder());
                text.append(text.isEmpty() ? "" : "\n").append(line, 1, line.length());
            }
        }
        Map<String, String> texts = new LinkedHashMap<>();
        added.forEach((path, text) -> texts.put(path, text.toString()));
        return texts;
    }

    /** The file a header line starts writing into; null for a deleted file, the patch's end and other markers. */
    private static String writtenFile(String header) {
        for (String prefix : WRITTEN_FILE_HEADERS) {
            if (header.startsWith(prefix) && header.length() > prefix.length()) {
                return header.substring(prefix.length()).strip();
            }
        }
        return null;
    }
}
