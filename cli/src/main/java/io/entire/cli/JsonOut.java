package io.entire.cli;

import io.entire.core.agent.Agent;
import io.entire.core.agent.Agents;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonNull;
import io.entire.core.json.JsonNumber;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import io.entire.core.json.JsonWriter;
import io.entire.core.model.TokenUsage;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the objects that {@code --json} prints, in a fixed key order, and prints them. */
final class JsonOut {
    private final Map<String, JsonValue> members = new LinkedHashMap<>();

    JsonOut put(String key, String value) {
        members.put(key, new JsonString(value));
        return this;
    }

    JsonOut put(String key, Optional<String> value) {
        members.put(key, value.<JsonValue>map(JsonString::new).orElse(JsonNull.INSTANCE));
        return this;
    }

    JsonOut put(String key, long value) {
        members.put(key, JsonNumber.of(value));
        return this;
    }

    JsonOut put(String key, JsonValue value) {
        members.put(key, value);
        return this;
    }

    JsonOut putStrings(String key, List<String> values) {
        members.put(key, JsonArray.ofStrings(values));
        return this;
    }

    JsonObject build() {
        return new JsonObject(members);
    }

    static JsonValue tokens(Optional<TokenUsage> usage) {
        return usage.<JsonValue>map(tokens -> {
            JsonOut out = new JsonOut().put("input_tokens", tokens.inputTokens())
                    .put("cache_creation_tokens", tokens.cacheCreationTokens())
                    .put("cache_read_tokens", tokens.cacheReadTokens())
                    .put("output_tokens", tokens.outputTokens())
                    .put("api_call_count", tokens.apiCallCount());
            tokens.subagentTokens().ifPresent(subagents -> out.put("subagent_tokens", tokens(Optional.of(subagents))));
            return out.build();
        }).orElse(JsonNull.INSTANCE);
    }

    /** The slug of the agent a checkpoint names by its display name (as the Go tool stores it); empty if unknown. */
    static Optional<String> agentSlug(Optional<String> displayName) {
        return Agents.slugs().stream().map(Agents::bySlug)
                .filter(agent -> displayName.filter(agent.displayName()::equals).isPresent())
                .findFirst().map(Agent::slug);
    }

    /** An agent as every {@code --json} output names it: {@code agent} (the slug) and {@code agent_name}. */
    JsonOut putAgent(Agent agent) {
        return put("agent", agent.slug()).put("agent_name", agent.displayName());
    }

    static void print(PrintWriter out, JsonValue value) {
        out.print(JsonWriter.prettyText(value));
        out.flush();
    }
}
