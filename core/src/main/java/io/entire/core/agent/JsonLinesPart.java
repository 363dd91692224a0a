package io.entire.core.agent;

import static java.util.Objects.requireNonNull;

import io.entire.core.json.JsonLinesReader;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonValue;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.Consumer;

/** The part of an append-only JSON lines transcript after its first lines, read from a line mark where it fits. */
public final class JsonLinesPart {
    private JsonLinesPart() {
    }

    /**
     * Hands each line after the first {@code startLine} that is not blank to {@code lines}, or to {@code malformed}
     * when it holds no JSON value; reads from {@code mark} on when it lies at or before the part and the file still
     * fits it, else from the first byte.
     *
     * @return how many lines the file holds
     */
    public static long read(Path file, long startLine, LineMark mark, Consumer<JsonValue> lines, Runnable malformed)
            throws IOException {
        requireNonNull(mark, "mark is null");
        JsonReader json = new JsonReader();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            LineMark from = mark.orStartFor(startLine, channel);
            long lineNumber = from.lines();
            JsonLinesReader reader = new JsonLinesReader(Channels.newInputStream(channel.position(from.offset())));
            while (reader.next()) {
                lineNumber++;
                if (lineNumber <= startLine || reader.isBlank()) {
                    continue;
                }
                Optional<JsonValue> line = json.findValue(reader.bytes(), 0, reader.length());
                if (line.isPresent()) {
                    lines.accept(line.get());
                } else {
                    malformed.run();
                }
            }
            return lineNumber;
        }
    }
}
