package io.entire.core.agent;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonValue;
import io.entire.core.json.JsonWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** What the agents' compact transcript writers share: writing the lines, and building their blocks. */
public final class CompactLines {
    private CompactLines() {
    }

    /**
     * Writes the line each of {@code sources} gives ({@code line} gives none for a source the compact form leaves
     * out) to {@code out} and flushes it; returns how many lines it wrote.
     */
    public static <T> long write(List<T> sources, Function<T, Optional<JsonObject>> line, OutputStream out) {
        requireNonNull(sources, "sources is null");
        requireNonNull(line, "line is null");
        OutputStream buffered = new BufferedOutputStream(requireNonNull(out, "out is null"), 16 * 1024);
        long written = 0;
        try {
            for (T source : sources) {
                Optional<JsonObject> object = line.apply(source);
                if (object.isPresent()) {
                    buffered.write(JsonWriter.compact(object.get()).getBytes(StandardCharsets.UTF_8));
                    buffered.write('\n');
                    written++;
                }
            }
            buffered.flush();
        } catch (IOException e) {
            throw new EntireException(EntireException.Category.STORAGE, "cannot write compact transcript: "
                    + e.getMessage(), e);
        }
        return written;
    }

    /** An object of {@code keysAndValues} (a key, then its value, ...) in that order. */
    public static JsonObject object(Object... keysAndValues) {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            members.put((String) keysAndValues[i], (JsonValue) keysAndValues[i + 1]);
        }
        return new JsonObject(members);
    }
}
