package io.entire.core.agent.codex;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.RecordedWrite;
import io.entire.core.json.JsonLineSink;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a Codex rollout for what the agent wrote into files: the lines each {@code apply_patch} added, whether the
 * tool took the patch as its input or a shell command ran it, each with the last prompt before it.
 */
final class CodexRecordedWrites {
    private static final String PATCH_START = "*** Begin Patch";

    private final Consumer<RecordedWrite> consumer;
    private final JsonReader reader = new JsonReader();
    private Optional<String> prompt = Optional.empty();

    private CodexRecordedWrites(Consumer<RecordedWrite> consumer) {
        this.consumer = requireNonNull(consumer, "consumer is null");
    }

    /** A stream to copy a rollout into; close it after the copy. */
    static JsonLineSink sink(Consumer<RecordedWrite> consumer) {
        CodexRecordedWrites writes = new CodexRecordedWrites(consumer);
        return new JsonLineSink((bytes, length) -> writes.reader.findValue(bytes, 0, length)
                .ifPresent(writes::readLine));
    }

    private void readLine(JsonValue line) {
        JsonValue payload = line.member("payload");
        String type = payload.member("type").stringValue();
        switch (line.member("type").stringValue()) {
            case "event_msg" -> readEvent(type, payload);
            case "response_item" -> {
                if (type.equals("custom_tool_call")) {
                    readPatch(payload.member("input").stringValue());
                } else if (type.equals("function_call")) {
                    readArguments(payload.member("arguments").stringValue());
                }
            }
            default -> {
                // session metadata, replies and token counts write no file
            }
        }
    }

    /** A prompt, as a completed user message item, or as older Codex versions' {@code user_message}. */
    private void readEvent(String type, JsonValue payload) {
        StringBuilder text = new StringBuilder();
        if (type.equals("user_message")) {
            text.append(payload.member("message").stringValue());
        } else if (type.equals("item_completed") && payload.member("item").member("type").stringValue()
                .equals("UserMessage")) {
            for (JsonValue content : payload.member("item").member("content").elements()) {
                if (content.member("type").stringValue().equals("text")) {
                    text.append(content.member("text").stringValue());
                }
            }
        }
        if (!text.toString().isBlank()) {
            prompt = Optional.of(text.toString());
        }
    }

    private void readArguments(String arguments) {
        byte[] bytes = arguments.getBytes(StandardCharsets.UTF_8);
        reader.findValue(bytes, 0, bytes.length).ifPresent(input -> {
            for (String argument : List.of("input", "cmd")) {
                readPatch(input.member(argument).stringValue());
            }
        });
    }

    private void readPatch(String text) {
        if (text.contains(PATCH_START)) {
            PatchWrites.added(text).forEach((path, added) -> consumer.accept(new RecordedWrite(path, added, prompt)));
        }
    }
}
