package io.entire.search;

import static java.util.Objects.requireNonNull;

import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonBoolean;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The stream a store copies a JSON Lines transcript into: each line that is a user or assistant message with text
 * (Claude Code's {@code message.content}, a string or text blocks) goes to the consumer as it completes. Tool calls,
 * tool results, thinking and progress lines are left out: they are long, and nobody searches for them. Lines that
 * are not JSON (another agent's format) are skipped. Memory is the longest line.
 */
final class TranscriptMessages extends OutputStream {
    private static final byte[] MESSAGE_KEY = "\"message\"".getBytes(StandardCharsets.UTF_8);

    private final Consumer<IndexedMessage> consumer;
    private final JsonReader reader = new JsonReader();
    private byte[] line = new byte[8192];
    private int length;

    TranscriptMessages(Consumer<IndexedMessage> consumer) {
        this.consumer = requireNonNull(consumer, "consumer is null");
    }

    @Override
    public void write(int b) {
        if (b == '\n') {
            endLine();
        } else {
            append(new byte[] {(byte) b}, 0, 1);
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int count) {
        int end = offset + count;
        int start = offset;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                append(bytes, start, i - start);
                endLine();
                start = i + 1;
            }
        }
        append(bytes, start, end - start);
    }

    /** Reads the last line when the transcript does not end with a newline. */
    @Override
    public void close() {
        endLine();
    }

    private void append(byte[] bytes, int offset, int count) {
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
        }
        System.arraycopy(bytes, offset, line, length, count);
        length += count;
    }

    private void endLine() {
        if (length > 0 && contains(MESSAGE_KEY)) {
            reader.findValue(line, 0, length).ifPresent(this::readLine);
        }
        length = 0;
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

    private boolean contains(byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (line[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
