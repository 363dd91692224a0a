package io.entire.core.recover;

import io.entire.core.git.BatchReader;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonValue;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Writes the transcript a Go tool step holds: its chunks joined with a newline between two (they were cut at line
 * ends), and for a subagent task only up to the line that holds the task's result.
 */
final class StoredStepTranscript {
    private StoredStepTranscript() {
    }

    static void write(BatchReader reader, StepTranscript step, Path target) throws IOException {
        try (OutputStream out = Files.newOutputStream(target)) {
            for (int index = 0; index < step.chunks().size(); index++) {
                if (index > 0) {
                    out.write('\n');
                }
                byte[] chunk = reader.readBlob(step.chunks().get(index));
                if (step.lastLine().isEmpty()) {
                    out.write(chunk);
                    continue;
                }
                int end = endOfLine(chunk, step.lastLine().get());
                if (end >= 0) {
                    out.write(chunk, 0, end);
                    out.write('\n');
                    return;
                }
                out.write(chunk);
            }
        }
    }

    /** Where the line whose {@code uuid} is {@code uuid} ends (before its newline); -1 when no line has it. */
    private static int endOfLine(byte[] chunk, String uuid) {
        byte[] needle = uuid.getBytes(StandardCharsets.UTF_8);
        JsonReader json = new JsonReader();
        int start = 0;
        while (start < chunk.length) {
            int newline = indexOf(chunk, (byte) '\n', start);
            int end = newline < 0 ? chunk.length : newline;
            // Only a line that mentions the uuid at all is parsed: most lines of a long transcript do not.
            if (contains(chunk, start, end, needle)) {
                Optional<JsonValue> line = json.findValue(chunk, start, end - start);
                if (line.isPresent() && line.get().member("uuid").stringValue().equals(uuid)) {
                    return end;
                }
            }
            start = end + 1;
        }
        return -1;
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static boolean contains(byte[] bytes, int from, int to, byte[] needle) {
        for (int i = from; i + needle.length <= to; i++) {
            if (Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }
}
