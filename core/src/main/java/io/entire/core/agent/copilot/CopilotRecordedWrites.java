package io.entire.core.agent.copilot;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.RecordedWrite;
import io.entire.core.json.JsonLineSink;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonValue;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a Copilot CLI event log for what the agent wrote into files: the text of each {@code create} and the new text
 * of each {@code edit} its tool starts carry, each with the last prompt before it.
 */
final class CopilotRecordedWrites {
    private final Consumer<RecordedWrite> consumer;
    private final JsonReader reader = new JsonReader();
    private Optional<String> prompt = Optional.empty();

    private CopilotRecordedWrites(Consumer<RecordedWrite> consumer) {
        this.consumer = requireNonNull(consumer, "consumer is null");
    }

    /** A stream to copy an event log into; close it after the copy. */
    static JsonLineSink sink(Consumer<RecordedWrite> consumer) {
        CopilotRecordedWrites writes = new CopilotRecordedWrites(consumer);
        return new JsonLineSink((bytes, length) -> writes.reader.findValue(bytes, 0, length)
                .ifPresent(writes::readLine));
    }

    private void readLine(JsonValue line) {
        JsonValue data = line.member("data");
        switch (line.member("type").stringValue()) {
            case "user.message" -> {
                String content = data.member("content").stringValue();
                if (!content.isBlank()) {
                    prompt = Optional.of(content);
                }
            }
            case "tool.execution_start" -> readTool(data.member("toolName").stringValue(), data.member("arguments"));
            default -> {
                // replies, hooks, usage and turn boundaries write no file
            }
        }
    }

    private void readTool(String tool, JsonValue arguments) {
        String path = arguments.member("path").stringValue();
        String text = switch (tool) {
            case "create" -> arguments.member("file_text").stringValue();
            case "edit" -> arguments.member("new_str").stringValue();
            default -> "";
        };
        if (!path.isEmpty() && !text.isEmpty()) {
            consumer.accept(new RecordedWrite(path, text, prompt));
        }
    }
}
