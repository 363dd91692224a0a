package io.entire.core.agent.claudecode;

import io.entire.core.json.JsonNull;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import io.entire.core.model.TokenCount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One assistant message being assembled from its streamed lines, waiting for the results of its tool calls. */
final class PendingAssistant {
    private final String id;
    private final List<JsonValue> content = new ArrayList<>();
    private final Map<String, Integer> toolUseIndex = new HashMap<>();
    private JsonValue timestamp = JsonNull.INSTANCE;
    private long inputTokens;
    private long outputTokens = -1;

    PendingAssistant(String id) {
        this.id = id;
    }

    /** Whether a line with this message id continues this message; lines without an id never merge. */
    boolean continues(String messageId) {
        return !id.isEmpty() && id.equals(messageId);
    }

    void add(JsonValue line, JsonValue message) {
        JsonValue lineTimestamp = line.member("timestamp");
        if (!lineTimestamp.isNull()) {
            // The Go writer keeps the last fragment's timestamp for a merged message.
            timestamp = lineTimestamp;
        }
        JsonValue usage = message.member("usage");
        if (!usage.isNull() && TokenCount.of(usage.member("output_tokens")) > outputTokens) {
            inputTokens = TokenCount.of(usage.member("input_tokens"));
            outputTokens = TokenCount.of(usage.member("output_tokens"));
        }
        JsonValue blocks = message.member("content");
        if (blocks instanceof JsonString text) {
            content.add(object("type", new JsonString("text"), "text", text));
            return;
        }
        for (JsonValue block : blocks.elements()) {
            String type = block.member("type").stringValue();
            if (type.equals("thinking") || type.equals("redacted_thinking")) {
                continue;
            }
            if (type.equals("tool_use")) {
                toolUseIndex.put(block.member("id").stringValue(), content.size());
                content.add(toolUse(block));
            } else {
                content.add(block);
            }
        }
    }

    /** Attaches a tool_result block to its tool_use; false when this message has no such tool call. */
    boolean attach(JsonValue toolResult) {
        Integer index = toolUseIndex.get(toolResult.member("tool_use_id").stringValue());
        if (index == null) {
            return false;
        }
        Map<String, JsonValue> result = new LinkedHashMap<>();
        result.put("output", new JsonString(ClaudeTranscript.text(toolResult.member("content"), "\n")));
        result.put("status", new JsonString(toolResult.member("is_error").isTrue() ? "error" : "success"));
        Map<String, JsonValue> members = new LinkedHashMap<>(((JsonObject) content.get(index)).members());
        members.put("result", new JsonObject(result));
        content.set(index, new JsonObject(members));
        return true;
    }

    String id() {
        return id;
    }

    JsonValue timestamp() {
        return timestamp;
    }

    long inputTokens() {
        return inputTokens;
    }

    long outputTokens() {
        return Math.max(0, outputTokens);
    }

    List<JsonValue> content() {
        return content;
    }

    private static JsonValue toolUse(JsonValue block) {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        for (String name : List.of("type", "id", "name", "input")) {
            JsonValue value = block.member(name);
            if (!value.isNull()) {
                members.put(name, value);
            }
        }
        return new JsonObject(members);
    }

    private static JsonValue object(String firstName, JsonValue first, String secondName, JsonValue second) {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        members.put(firstName, first);
        members.put(secondName, second);
        return new JsonObject(members);
    }
}
