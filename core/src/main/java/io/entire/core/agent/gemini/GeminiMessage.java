package io.entire.core.agent.gemini;

import static java.util.Objects.requireNonNull;

import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import io.entire.core.model.TokenCount;
import io.entire.core.model.TokenUsage;
import java.util.List;
import java.util.Optional;

/**
 * One message of a Gemini CLI chat as it stands after every record that repeats its id: {@code user} (a prompt, the
 * session context Gemini CLI injects, or tool results), {@code gemini} (a model reply with its {@code tokens},
 * {@code model} and {@code toolCalls}), or {@code info}, {@code error}, {@code warning}.
 */
record GeminiMessage(String id, String type, JsonObject record) {
    // Gemini CLI 0.61 does not resume from user content that starts so (slash and help commands, injected context);
    // none of it is a prompt the person typed.
    private static final List<String> NOT_TYPED = List.of("/", "?", "<session_context>", "<hook_context>");

    public GeminiMessage {
        requireNonNull(id, "id is null");
        requireNonNull(type, "type is null");
        requireNonNull(record, "record is null");
    }

    static GeminiMessage of(JsonObject record) {
        return new GeminiMessage(record.member("id").stringValue(), record.member("type").stringValue(), record);
    }

    public boolean isUser() {
        return type.equals("user");
    }

    public boolean isModelReply() {
        return type.equals("gemini");
    }

    public Optional<String> timestamp() {
        return record.findString("timestamp");
    }

    /** The content's text: the string itself, or its text parts joined. */
    public String text() {
        JsonValue content = record.member("content");
        if (content instanceof JsonString string) {
            return string.value();
        }
        StringBuilder text = new StringBuilder();
        for (JsonValue part : content.elements()) {
            if (part.member("text") instanceof JsonString string) {
                text.append(string.value());
            }
        }
        return text.toString();
    }

    /** The prompt, when this is a user message the person typed. */
    public Optional<String> prompt() {
        if (!isUser()) {
            return Optional.empty();
        }
        String text = text();
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return Optional.empty();
        }
        for (String prefix : NOT_TYPED) {
            if (trimmed.startsWith(prefix)) {
                return Optional.empty();
            }
        }
        return Optional.of(text);
    }

    /** The tool calls of a model reply, each with {@code name}, {@code args} and, once run, {@code result}. */
    public List<JsonValue> toolCalls() {
        return record.member("toolCalls").elements();
    }

    public Optional<String> model() {
        return record.findString("model").filter(model -> !model.isEmpty());
    }

    /**
     * The usage of the API call behind a model reply, mapped as the Go tool maps it: {@code input} as input tokens
     * (Gemini counts the cached ones in it too), {@code cached} as cache reads, {@code output} as output tokens.
     */
    public Optional<TokenUsage> tokens() {
        JsonValue tokens = record.member("tokens");
        if (!isModelReply() || !(tokens instanceof JsonObject)) {
            return Optional.empty();
        }
        return Optional.of(new TokenUsage(count(tokens, "input"), 0, count(tokens, "cached"),
                count(tokens, "output"), 1));
    }

    private static long count(JsonValue tokens, String name) {
        return TokenCount.of(tokens.member(name));
    }
}
