package io.entire.search;

import static java.util.Objects.requireNonNull;

import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonBoolean;
import io.entire.core.json.JsonLineSink;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonSelection;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a JSON Lines transcript as a store copies it: each line that is a user or assistant message with text
 * (Claude Code's {@code message.content}, a string or text blocks) goes to the consumer as it completes. Tool calls,
 * tool results, thinking and progress lines are left out: they are long, and nobody searches for them. Lines that
 * are not JSON (another agent's format) are skipped. Through {@link #sink}, memory is the longest line.
 */
final class TranscriptMessages {
    private static final byte[] MESSAGE_KEY = "\"message\"".getBytes(StandardCharsets.UTF_8);
    /** The members {@link #readLine} reads; the rest of a line (ids, usage, tool input and output) is only checked. */
    private static final JsonSelection MESSAGE_LINE = JsonSelection.of("type", "isMeta")
            .with("message", JsonSelection.of().with("content", JsonSelection.of("type", "text")));

    private final Consumer<IndexedMessage> consumer;
    private final JsonReader reader = new JsonReader();

    TranscriptMessages(Consumer<IndexedMessage> consumer) {
        this.consumer = requireNonNull(consumer, "consumer is null");
    }

    /** A stream to copy a transcript into; close it after the copy. */
    JsonLineSink sink() {
        return new JsonLineSink((line, length) -> accept(line, 0, length));
    }

    /**
     * Reads the lines of a transcript chunk held whole, where they lie. Chunks are cut at line ends, so a chunk's
     * lines are the transcript's.
     */
    void readChunk(byte[] chunk) {
        int start = 0;
        for (int i = 0; i < chunk.length; i++) {
            if (chunk[i] == '\n') {
                accept(chunk, start, i - start);
                start = i + 1;
            }
        }
        accept(chunk, start, chunk.length - start);
    }

    private void accept(byte[] bytes, int offset, int length) {
        if (contains(bytes, offset, length, MESSAGE_KEY)) {
            reader.findSelected(bytes, offset, length, MESSAGE_LINE).ifPresent(this::readLine);
        }
    }

    private void readLine(JsonValue value) {
        if (!(value instanceof JsonObject entry) || entry.find("isMeta").orElse(null) instanceof JsonBoolean meta
                && meta.isTrue()) {
            return;
        }
        Optional<MessageRole> role = entry.findString("type").flatMap(TranscriptMessages::role);
        Optional<JsonObject> message = entry.findObject("message");
        if (role.isEmpty() || message.isEmpty()) {
            return;
        }
        JsonValue content = message.get().find("content").orElse(null);
        if (content instanceof JsonString text) {
            emit(role.get(), text.value());
        } else if (content instanceof JsonArray blocks) {
            for (JsonValue block : blocks.elements()) {
                if (block instanceof JsonObject object && object.findString("type").filter("text"::equals)
                        .isPresent()) {
                    object.findString("text").ifPresent(text -> emit(role.get(), text));
                }
            }
        }
    }

    private void emit(MessageRole role, String text) {
        if (!text.isBlank()) {
            consumer.accept(new IndexedMessage(role, text));
        }
    }

    private static Optional<MessageRole> role(String type) {
        return switch (type) {
            case "user" -> Optional.of(MessageRole.USER);
            case "assistant" -> Optional.of(MessageRole.ASSISTANT);
            default -> Optional.empty();
        };
    }

    private static boolean contains(byte[] bytes, int offset, int length, byte[] needle) {
        outer:
        for (int i = offset; i + needle.length <= offset + length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
