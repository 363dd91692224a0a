package io.entire.core.model;

import static java.util.Objects.requireNonNull;

import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One element of the root {@code sessions} array: where a slot's files are, as absolute paths from the root of the
 * commit tree that holds the checkpoint ({@code /a3/b2c4d5e6f7/0/full.jsonl} on the v1 branch).
 */
public record SessionEntry(String metadata, Optional<String> transcript, Optional<String> compactTranscript,
        Optional<String> contentHash, String prompt, Optional<String> context, JsonObject source) {
    static final List<String> KEYS = List.of("metadata", "transcript", "compact_transcript", "content_hash",
            "prompt", "context");

    public SessionEntry {
        requireNonNull(metadata, "metadata is null");
        requireNonNull(transcript, "transcript is null");
        requireNonNull(compactTranscript, "compactTranscript is null");
        requireNonNull(contentHash, "contentHash is null");
        requireNonNull(prompt, "prompt is null");
        requireNonNull(context, "context is null");
        requireNonNull(source, "source is null");
    }

    static SessionEntry fromJson(JsonObject json) {
        return new SessionEntry(json.findString("metadata").orElse(""), nonEmpty(json, "transcript"),
                nonEmpty(json, "compact_transcript"), nonEmpty(json, "content_hash"),
                json.findString("prompt").orElse(""), json.findString("context"), json);
    }

    JsonObject toJson() {
        Map<String, JsonValue> values = new LinkedHashMap<>();
        values.put("metadata", new JsonString(metadata));
        transcript.ifPresent(path -> values.put("transcript", new JsonString(path)));
        compactTranscript.ifPresent(path -> values.put("compact_transcript", new JsonString(path)));
        contentHash.ifPresent(path -> values.put("content_hash", new JsonString(path)));
        values.put("prompt", new JsonString(prompt));
        context.ifPresent(path -> values.put("context", new JsonString(path)));
        return source.merge(KEYS, values);
    }

    /** The same paths, each with its leading folder prefix swapped (the v1 {@code /a3/b2c4d5e6f7} for {@code }). */
    public SessionEntry withPrefix(String oldPrefix, String newPrefix) {
        return new SessionEntry(swap(metadata, oldPrefix, newPrefix),
                transcript.map(p -> swap(p, oldPrefix, newPrefix)),
                compactTranscript.map(p -> swap(p, oldPrefix, newPrefix)),
                contentHash.map(p -> swap(p, oldPrefix, newPrefix)), swap(prompt, oldPrefix, newPrefix),
                context.map(p -> swap(p, oldPrefix, newPrefix)), source);
    }

    public SessionEntry withSource(JsonObject previous) {
        return new SessionEntry(metadata, transcript, compactTranscript, contentHash, prompt, context, previous);
    }

    private static String swap(String path, String oldPrefix, String newPrefix) {
        return path.startsWith(oldPrefix + "/") ? newPrefix + path.substring(oldPrefix.length()) : path;
    }

    private static Optional<String> nonEmpty(JsonObject json, String key) {
        return json.findString(key).filter(value -> !value.isEmpty());
    }
}
