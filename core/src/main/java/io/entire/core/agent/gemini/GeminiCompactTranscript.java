package io.entire.core.agent.gemini;

import static io.entire.core.agent.CompactLines.object;
import static java.util.Objects.requireNonNull;

import io.entire.core.agent.CompactLines;
import io.entire.core.agent.CompactTranscriptLine;
import io.entire.core.json.JsonNull;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import io.entire.core.model.TokenCount;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The compact transcript (FORMATS.md 2.4) of Gemini CLI messages: a line per prompt and per model reply, whose tool
 * calls become {@code tool_use} blocks carrying their result; the injected context, tool-result messages and
 * {@code info}/{@code error}/{@code warning} messages are left out.
 */
final class GeminiCompactTranscript {
    private static final String AGENT = "gemini";

    private GeminiCompactTranscript() {
    }

    /** Writes the lines of {@code messages} to {@code out} and flushes it; returns how many lines it wrote. */
    static long write(List<GeminiMessage> messages, OutputStream out, String cliVersion) {
        requireNonNull(cliVersion, "cliVersion is null");
        return CompactLines.write(messages, message -> line(message, cliVersion), out);
    }

    private static Optional<JsonObject> line(GeminiMessage message, String cliVersion) {
        if (message.prompt().isPresent()) {
            return Optional.of(line("user", message, "", 0, 0, List.of(object("text",
                    new JsonString(message.prompt().get()))), cliVersion));
        }
        if (!message.isModelReply()) {
            return Optional.empty();
        }
        List<JsonValue> content = new ArrayList<>();
        String text = message.text();
        if (!text.isEmpty()) {
            content.add(object("type", new JsonString("text"), "text", new JsonString(text)));
        }
        for (JsonValue call : message.toolCalls()) {
            content.add(object("type", new JsonString("tool_use"), "id", call.member("id"), "name", call.member("name"),
                    "input", call.member("args"), "result", object("output", new JsonString(output(call)), "status",
                            new JsonString(call.member("status").stringValue().equals("success") ? "success"
                                    : "error"))));
        }
        if (content.isEmpty()) {
            return Optional.empty();
        }
        JsonValue tokens = message.record().member("tokens");
        return Optional.of(line("assistant", message, message.id(), TokenCount.of(tokens.member("input")),
                TokenCount.of(tokens.member("output")), content, cliVersion));
    }

    /** A tool call's result: its function responses' {@code output} (or {@code error}), or the result string. */
    private static String output(JsonValue call) {
        JsonValue result = call.member("result");
        if (result instanceof JsonString string) {
            return string.value();
        }
        StringBuilder output = new StringBuilder();
        for (JsonValue part : result.elements()) {
            JsonValue response = part.member("functionResponse").member("response");
            String text = response.member("output").stringValue();
            output.append(text.isEmpty() ? response.member("error").stringValue() : text);
        }
        return output.toString();
    }

    private static JsonObject line(String type, GeminiMessage message, String id, long inputTokens, long outputTokens,
            List<JsonValue> content, String cliVersion) {
        JsonValue timestamp = message.timestamp().<JsonValue>map(JsonString::new).orElse(JsonNull.INSTANCE);
        return new CompactTranscriptLine(AGENT, cliVersion, type, timestamp, id, inputTokens, outputTokens, content)
                .toJson();
    }
}
