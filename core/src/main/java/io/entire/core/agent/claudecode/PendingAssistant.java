package io.entire.core.agent.claudecode;

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
    private JsonValue timestamp = JsonValue.Literal.NULL;
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
        JsonValue lineTimestamp = line.get("timestamp");
        if (!lineTimestamp.isMissing()) {
            // The Go writer keeps the last fragment's timestamp for a merged message.
            timestamp = lineTimestamp;
        }
        JsonValue usage = message.get("usage");
        if (!usage.isMissing() && usage.get("output_tokens").longValue() > outputTokens) {
            inputTokens = usage.get("input_tokens").longValue();
            outputTokens = usage.get("output_tokens").longValue();
        }
        JsonValue blocks = message.get("content");
        if (blocks instanceof JsonValue.StringValue text) {
            content.add(object("type", new JsonValue.StringValue("text"), "text", text));
            return;
        }
        for (JsonValue block : blocks.items()) {
            String type = block.get("type").text();
            if (type.equals("thinking") || type.equals("redacted_thinking")) {
                continue;
            }
            if (type.equals("tool_use")) {
                toolUseIndex.put(block.get("id").text(), content.size());
                content.add(toolUse(block));
            } else {
                content.add(block);
            }
        }
    }

    /** Attaches a tool_result block to its tool_use; false when this message has no such tool call. */
    boolean attach(JsonValue toolResult) {
        Integer index = toolUseIndex.get(toolResult.get("tool_use_id").text());
        if (index == null) {
            return false;
        }
        Map<String, JsonValue> result = new LinkedHashMap<>();
        result.put("output", new JsonValue.StringValue(resultText(toolResult.get("content"))));
        result.put("status", new JsonValue.StringValue(toolResult.get("is_error").isTrue() ? "error" : "success"));
        Map<String, JsonValue> members = new LinkedHashMap<>(((JsonValue.ObjectValue) content.get(index)).members());
        members.put("result", new JsonValue.ObjectValue(result));
        content.set(index, new JsonValue.ObjectValue(members));
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
            JsonValue value = block.get(name);
            if (!value.isMissing()) {
                members.put(name, value);
            }
        }
        return new JsonValue.ObjectValue(members);
    }

    private static String resultText(JsonValue content) {
        if (content instanceof JsonValue.StringValue string) {
            return string.value();
        }
        StringBuilder text = new StringBuilder();
        for (JsonValue block : content.items()) {
            if (block.get("type").text().equals("text")) {
                if (text.length() > 0) {
                    text.append('\n');
                }
                text.append(block.get("text").text());
            }
        }
        return text.toString();
    }

    private static JsonValue object(String firstName, JsonValue first, String secondName, JsonValue second) {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        members.put(firstName, first);
        members.put(secondName, second);
        return new JsonValue.ObjectValue(members);
    }
}
