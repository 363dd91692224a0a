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
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a Claude Code transcript for what the agent wrote into files: the content of each {@code Write}, the new
 * text of each {@code Edit} and of every edit of a {@code MultiEdit}, each with the last prompt before it. Lines that
 * are not JSON are skipped.
 */
public final class RecordedWrites {
    private final Consumer<RecordedWrite> consumer;
    private final JsonReader reader = new JsonReader();
    private Optional<String> prompt = Optional.empty();

    private RecordedWrites(Consumer<RecordedWrite> consumer) {
        this.consumer = requireNonNull(consumer, "consumer is null");
    }

    /** A stream to copy a transcript into; close it after the copy. */
    public static JsonLineSink sink(Consumer<RecordedWrite> consumer) {
        RecordedWrites writes = new RecordedWrites(consumer);
        return new JsonLineSink((bytes, length) -> writes.reader.findValue(bytes, 0, length)
                .ifPresent(writes::readLine));
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
