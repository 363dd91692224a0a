package io.entire.core.agent.opencode;

import static java.util.Objects.requireNonNull;

import io.entire.core.json.JsonValue;
import io.entire.core.model.TokenCount;
import io.entire.core.model.TokenUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One message of an OpenCode session as {@code opencode export} writes it: {@code info} (id, role, time, model,
 * tokens) and its {@code parts} (text, tool calls with their state, step-start and step-finish with each model call's
 * tokens, patch with the files a step changed).
 */
record OpenCodeMessage(JsonValue info, List<JsonValue> parts) {
    OpenCodeMessage {
        requireNonNull(info, "info is null");
        parts = List.copyOf(parts);
    }

    static OpenCodeMessage of(JsonValue message) {
        return new OpenCodeMessage(message.member("info"), message.member("parts").elements());
    }

    String id() {
        return info.member("id").stringValue();
    }

    boolean isUser() {
        return info.member("role").stringValue().equals("user");
    }

    boolean isAssistant() {
        return info.member("role").stringValue().equals("assistant");
    }

    /** What the user typed: the text parts OpenCode did not add itself (file contents, reminders are synthetic). */
    Optional<String> prompt() {
        if (!isUser()) {
            return Optional.empty();
        }
        List<String> texts = new ArrayList<>();
        for (JsonValue part : parts) {
            if (isText(part) && !part.member("synthetic").isTrue()) {
                texts.add(part.member("text").stringValue());
            }
        }
        return texts.isEmpty() ? Optional.empty() : Optional.of(String.join("\n\n", texts));
    }

    /** The assistant's text parts, joined. */
    String text() {
        List<String> texts = new ArrayList<>();
        for (JsonValue part : parts) {
            if (isText(part) && !part.member("synthetic").isTrue()) {
                texts.add(part.member("text").stringValue());
            }
        }
        return String.join("\n\n", texts);
    }

    List<JsonValue> toolCalls() {
        return parts.stream().filter(part -> part.member("type").stringValue().equals("tool")).toList();
    }

    /** The absolute paths the message's patch parts name: what its steps changed in the work tree, by any tool. */
    List<String> patchedFiles() {
        List<String> files = new ArrayList<>();
        for (JsonValue part : parts) {
            if (part.member("type").stringValue().equals("patch")) {
                part.member("files").elements().forEach(file -> files.add(file.stringValue()));
            }
        }
        return files;
    }

    /**
     * The tokens of the model calls behind this message, one per {@code step-finish} part; a message without any
     * (written before steps were recorded) counts its {@code info.tokens} as one call, when it has tokens.
     */
    TokenUsage tokens() {
        TokenUsage total = TokenUsage.ZERO;
        for (JsonValue part : parts) {
            if (part.member("type").stringValue().equals("step-finish")) {
                total = total.plus(usage(part.member("tokens")));
            }
        }
        if (total.apiCallCount() == 0 && isAssistant()) {
            TokenUsage whole = usage(info.member("tokens"));
            return whole.inputTokens() + whole.outputTokens() + whole.cacheReadTokens() > 0 ? whole : TokenUsage.ZERO;
        }
        return total;
    }

    String model() {
        return info.member("modelID").stringValue();
    }

    /** When the message was created, as an ISO-8601 instant. */
    Optional<String> timestamp() {
        long millis = info.member("time").member("created").truncatedLong();
        return millis > 0 ? Optional.of(Instant.ofEpochMilli(millis).toString()) : Optional.empty();
    }

    /** The input and output tokens of the message as a whole, for its compact line. */
    long inputTokens() {
        return TokenCount.of(info.member("tokens").member("input"));
    }

    long outputTokens() {
        return TokenCount.of(info.member("tokens").member("output"));
    }

    private static boolean isText(JsonValue part) {
        return part.member("type").stringValue().equals("text");
    }

    // OpenCode counts uncached input apart from cache reads and writes; reasoning is left out, as the Go tool does.
    private static TokenUsage usage(JsonValue tokens) {
        JsonValue cache = tokens.member("cache");
        return new TokenUsage(TokenCount.of(tokens.member("input")), TokenCount.of(cache.member("write")),
                TokenCount.of(cache.member("read")), TokenCount.of(tokens.member("output")), 1);
    }
}
