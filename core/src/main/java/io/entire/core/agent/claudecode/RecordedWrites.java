package io.entire.core.agent.claudecode;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.RecordedWrite;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonBoolean;
import io.entire.core.json.JsonLineSink;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a Claude Code transcript for what the agent wrote into files: the content of each {@code Write}, the new
 * text of each {@code Edit} and of every edit of a {@code MultiEdit}, each with the last prompt before it. Lines that
 * are not JSON are skipped.
 */
public final class RecordedWrites {
    // Only two kinds of line matter: an assistant line with a tool call, and a user line whose content is text (a
    // prompt). Tool results, most of a long transcript's bytes, are user lines too, but with content blocks; no other
    // line holds these tokens outside a string, where JSON escapes their quotes.
    private static final byte[] TOOL_USE = "\"tool_use\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] USER = "\"user\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TOOL_RESULT = "\"tool_result\"".getBytes(StandardCharsets.US_ASCII);
    private static final int BUFFER = 1 << 16;

    private final Consumer<RecordedWrite> consumer;
    private final JsonReader reader = new JsonReader();
    private Optional<String> prompt;

    private RecordedWrites(Consumer<RecordedWrite> consumer, Optional<String> prompt) {
        this.consumer = requireNonNull(consumer, "consumer is null");
        this.prompt = requireNonNull(prompt, "prompt is null");
    }

    /** A stream to copy a transcript into; close it after the copy. */
    public static JsonLineSink sink(Consumer<RecordedWrite> consumer) {
        return sink(new RecordedWrites(consumer, Optional.empty()));
    }

    /**
     * What the bytes of {@code file} from {@code known}'s end up to {@code end} add to {@code known}: reading a
     * transcript on gives what reading it from its start gives.
     */
    public static KnownWrites readOn(Path file, KnownWrites known, long end) throws IOException {
        if (end < known.end()) {
            throw new IllegalArgumentException("reading " + file + " back from " + known.end() + " to " + end);
        }
        List<RecordedWrite> all = new ArrayList<>(known.writes());
        RecordedWrites writes = new RecordedWrites(all::add, known.prompt());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                JsonLineSink sink = sink(writes)) {
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
            for (long position = known.end(); position < end; ) {
                buffer.clear().limit((int) Math.min(BUFFER, end - position));
                int read = channel.read(buffer, position);
                if (read < 0) {
                    throw new IOException(file + " ends at " + position + ", before " + end);
                }
                sink.write(buffer.array(), 0, read);
                position += read;
            }
        }
        return new KnownWrites(end, all, writes.prompt);
    }

    private static JsonLineSink sink(RecordedWrites writes) {
        return new JsonLineSink((bytes, length) -> {
            if (contains(bytes, length, TOOL_USE)
                    || contains(bytes, length, USER) && !contains(bytes, length, TOOL_RESULT)) {
                writes.reader.findValue(bytes, 0, length).ifPresent(writes::readLine);
            }
        });
    }

    private static boolean contains(byte[] bytes, int length, byte[] needle) {
        for (int i = 0, last = length - needle.length; i <= last; i++) {
            if (bytes[i] == needle[0] && Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }

    private void readLine(JsonValue value) {
        if (!(value instanceof JsonObject entry) || entry.find("isMeta").orElse(null) instanceof JsonBoolean meta
                && meta.isTrue()) {
            return;
        }
        JsonValue content = entry.findObject("message").flatMap(message -> message.find("content")).orElse(null);
        String type = entry.findString("type").orElse("");
        if (type.equals("user") && content instanceof JsonString text && isPrompt(text.value())) {
            prompt = Optional.of(text.value());
        } else if (type.equals("assistant") && content instanceof JsonArray blocks) {
            for (JsonValue block : blocks.elements()) {
                if (block instanceof JsonObject use && use.findString("type").filter("tool_use"::equals).isPresent()) {
                    use.findObject("input").ifPresent(input -> readToolInput(use.findString("name").orElse(""),
                            input));
                }
            }
        }
    }

    private void readToolInput(String tool, JsonObject input) {
        Optional<String> path = input.findString("file_path");
        if (path.isEmpty()) {
            return;
        }
        switch (tool) {
            case "Write" -> input.findString("content").ifPresent(text -> emit(path.get(), text));
            case "Edit" -> input.findString("new_string").ifPresent(text -> emit(path.get(), text));
            case "MultiEdit" -> input.findArray("edits").ifPresent(edits -> {
                for (JsonValue edit : edits.elements()) {
                    if (edit instanceof JsonObject object) {
                        object.findString("new_string").ifPresent(text -> emit(path.get(), text));
                    }
                }
            });
            default -> {
                // other tools write no file text we can compare lines with
            }
        }
    }

    private void emit(String path, String content) {
        consumer.accept(new RecordedWrite(path, content, prompt));
    }

    /** Slash commands and their output reach the transcript as user messages too; they are not prompts. */
    private static boolean isPrompt(String text) {
        return !text.isBlank() && !text.startsWith("<command-") && !text.startsWith("<local-command-");
    }
}
