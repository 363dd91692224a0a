package io.entire.core.agent.opencode;

import static io.entire.core.agent.CompactLines.object;
import static java.util.Objects.requireNonNull;

import io.entire.core.agent.CompactLines;
import io.entire.core.agent.CompactTranscriptLine;
import io.entire.core.json.JsonNull;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The compact transcript (FORMATS.md 2.4) of OpenCode messages: a line per prompt and per assistant message, whose
 * tool parts become {@code tool_use} blocks carrying their result; step, patch and synthetic parts are left out.
 */
final class OpenCodeCompactTranscript {
    private static final String AGENT = "opencode";

    private OpenCodeCompactTranscript() {
    }

    /** Writes the lines of {@code messages} to {@code out} and flushes it; returns how many lines it wrote. */
    static long write(List<OpenCodeMessage> messages, OutputStream out, String cliVersion) {
        requireNonNull(cliVersion, "cliVersion is null");
        return CompactLines.write(messages, message -> line(message, cliVersion), out);
    }

    private static Optional<JsonObject> line(OpenCodeMessage message, String cliVersion) {
        if (message.prompt().isPresent()) {
            return Optional.of(line("user", message, "", 0, 0, List.of(object("text",
                    new JsonString(message.prompt().get()))), cliVersion));
        }
        if (!message.isAssistant()) {
            return Optional.empty();
        }
        List<JsonValue> content = new ArrayList<>();
        String text = message.text();
        if (!text.isEmpty()) {
            content.add(object("type", new JsonString("text"), "text", new JsonString(text)));
        }
        for (JsonValue call : message.toolCalls()) {
            JsonValue state = call.member("state");
            boolean completed = state.member("status").stringValue().equals("completed");
            String output = completed ? state.member("output").stringValue() : state.member("error").stringValue();
            content.add(object("type", new JsonString("tool_use"), "id", call.member("callID"), "name",
                    call.member("tool"), "input", state.member("input"), "result", object("output",
                            new JsonString(output), "status", new JsonString(completed ? "success" : "error"))));
        }
        if (content.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(line("assistant", message, message.id(), message.inputTokens(), message.outputTokens(),
                content, cliVersion));
    }

    private static JsonObject line(String type, OpenCodeMessage message, String id, long inputTokens,
            long outputTokens, List<JsonValue> content, String cliVersion) {
        JsonValue timestamp = message.timestamp().<JsonValue>map(JsonString::new).orElse(JsonNull.INSTANCE);
        return new CompactTranscriptLine(AGENT, cliVersion, type, timestamp, id, inputTokens, outputTokens, content)
                .toJson();
    }
}
