package io.entire.cli;

import static java.util.Objects.requireNonNull;

import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import io.entire.core.model.TokenUsage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scripted answer of the model: its content blocks (text, or tool calls whose ids the server assigns) and the
 * usage the server reports for it, one API call's worth, so a test knows the exact token totals to expect.
 */
record ModelReply(List<Block> blocks, TokenUsage usage) {
    ModelReply {
        blocks = List.copyOf(blocks);
        requireNonNull(usage, "usage is null");
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("a reply without content blocks");
        }
        if (usage.apiCallCount() != 1) {
            throw new IllegalArgumentException("a reply is one API call, not " + usage.apiCallCount());
        }
    }

    /** One content block: {@code text}, or {@code tool_use} with the tool's name and input. */
    record Block(String type, String text, String toolName, JsonObject toolInput) {
        Block {
            requireNonNull(type, "type is null");
            requireNonNull(text, "text is null");
            requireNonNull(toolName, "toolName is null");
            requireNonNull(toolInput, "toolInput is null");
        }

        boolean isToolUse() {
            return type.equals("tool_use");
        }
    }

    static TokenUsage usage(long input, long cacheCreation, long cacheRead, long output) {
        return new TokenUsage(input, cacheCreation, cacheRead, output, 1);
    }

    /** A reply that ends the turn with {@code text}. */
    static ModelReply say(String text, TokenUsage usage) {
        return new ModelReply(List.of(new Block("text", text, "", JsonObject.EMPTY)), usage);
    }

    /** A reply that calls tools, in parallel when there are several. */
    static ModelReply calls(TokenUsage usage, Block... toolCalls) {
        for (Block call : toolCalls) {
            if (!call.isToolUse()) {
                throw new IllegalArgumentException("not a tool call: " + call);
            }
        }
        return new ModelReply(List.of(toolCalls), usage);
    }

    /** A call of {@code tool} with {@code input}. */
    static Block tool(String tool, JsonObject input) {
        return new Block("tool_use", "", tool, input);
    }

    /** A tool input from key and value pairs: strings, or JSON values kept as they are. */
    static JsonObject input(Object... keyAndValue) {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        for (int i = 0; i < keyAndValue.length; i += 2) {
            Object value = keyAndValue[i + 1];
            members.put((String) keyAndValue[i], value instanceof JsonValue json ? json : new JsonString(
                    (String) value));
        }
        return new JsonObject(members);
    }

    boolean callsTools() {
        return blocks.stream().anyMatch(Block::isToolUse);
    }
}
