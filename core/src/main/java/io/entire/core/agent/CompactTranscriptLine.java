package io.entire.core.agent;

import static java.util.Objects.requireNonNull;

import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonNumber;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of a compact transcript (FORMATS.md 2.4), whichever agent wrote the source.
 *
 * @param timestamp the source line's {@code timestamp}, {@link io.entire.core.json.JsonNull} when it has none
 * @param id the assistant message's id, empty for a user line
 * @param inputTokens the reply's input tokens; a count below 1 is left out, as are {@code outputTokens} below 1
 * @param content the line's blocks, already in the compact form
 */
public record CompactTranscriptLine(String agent, String cliVersion, String type, JsonValue timestamp, String id,
        long inputTokens, long outputTokens, List<JsonValue> content) {
    public CompactTranscriptLine {
        requireNonNull(agent, "agent is null");
        requireNonNull(cliVersion, "cliVersion is null");
        requireNonNull(type, "type is null");
        requireNonNull(timestamp, "timestamp is null");
        requireNonNull(id, "id is null");
        content = List.copyOf(content);
    }

    /** The line's object, keys in the format's order; no timestamp, an empty id and zero counts are left out. */
    public JsonObject toJson() {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        members.put("v", JsonNumber.of(1));
        members.put("agent", new JsonString(agent));
        members.put("cli_version", new JsonString(cliVersion));
        members.put("type", new JsonString(type));
        if (!timestamp.isNull()) {
            members.put("ts", timestamp);
        }
        if (!id.isEmpty()) {
            members.put("id", new JsonString(id));
        }
        // Zero counts are left out, like the Go writer's omitempty.
        if (inputTokens > 0) {
            members.put("input_tokens", JsonNumber.of(inputTokens));
        }
        if (outputTokens > 0) {
            members.put("output_tokens", JsonNumber.of(outputTokens));
        }
        members.put("content", new JsonArray(content));
        return new JsonObject(members);
    }
}
