package io.entire.core.model;

import io.entire.core.json.JsonNumber;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code token_usage} object of FORMATS.md 2.1, both ways. */
public final class TokenUsageJson {
    static final List<String> KEYS = List.of("input_tokens", "cache_creation_tokens", "cache_read_tokens",
            "output_tokens", "api_call_count", "subagent_tokens");

    private TokenUsageJson() {
    }

    static Optional<TokenUsage> read(JsonObject parent, String key) {
        Optional<JsonObject> object = parent.findObject(key);
        return object.isPresent() ? Optional.of(read(object.get())) : Optional.empty();
    }

    public static TokenUsage read(JsonObject object) {
        return new TokenUsage(count(object, "input_tokens"), count(object, "cache_creation_tokens"),
                count(object, "cache_read_tokens"), count(object, "output_tokens"), count(object, "api_call_count"),
                read(object, "subagent_tokens"));
    }

    /** Encodes usage over the object it was read from, so keys added by other writers stay. */
    public static JsonObject write(TokenUsage usage, Optional<JsonValue> previous) {
        Map<String, JsonValue> values = new LinkedHashMap<>();
        values.put("input_tokens", JsonNumber.of(usage.inputTokens()));
        values.put("cache_creation_tokens", JsonNumber.of(usage.cacheCreationTokens()));
        values.put("cache_read_tokens", JsonNumber.of(usage.cacheReadTokens()));
        values.put("output_tokens", JsonNumber.of(usage.outputTokens()));
        values.put("api_call_count", JsonNumber.of(usage.apiCallCount()));
        JsonObject base = previous.isPresent() && previous.get() instanceof JsonObject object ? object
                : JsonObject.EMPTY;
        if (usage.subagentTokens().isPresent()) {
            values.put("subagent_tokens", write(usage.subagentTokens().get(), base.find("subagent_tokens")));
        }
        return base.merge(KEYS, values);
    }

    private static long count(JsonObject object, String key) {
        return TokenCount.of(object.member(key));
    }
}
