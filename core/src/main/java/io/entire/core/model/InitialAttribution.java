package io.entire.core.model;

import static java.util.Objects.requireNonNull;

import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonFormatException;
import io.entire.core.json.JsonNumber;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A session's {@code initial_attribution} (FORMATS.md 2.2): who wrote the lines of the commit its checkpoint was
 * written for, worked out once at condensation. The Go tool's keys carry the totals ({@code agent_lines},
 * {@code human_added}, {@code human_modified}, {@code human_removed}, {@code total_committed},
 * {@code agent_percentage}); {@code tree}, {@code prompts} and {@code files} carry, per file, the spans of lines the
 * agent wrote, so blame reads verdicts instead of transcripts. The spans hold for commits with that tree only.
 * Which lines a person removed cannot be told from the agent's writes: {@code human_removed} counts the lines removed
 * from files the agent wrote nothing into, each file's {@code removed_lines} every line removed from it.
 */
public record InitialAttribution(Instant calculatedAt, String tree, List<String> prompts,
        List<AttributedFile> files) {
    public InitialAttribution {
        requireNonNull(calculatedAt, "calculatedAt is null");
        requireNonNull(tree, "tree is null");
        prompts = List.copyOf(prompts);
        files = List.copyOf(files);
        for (AttributedFile file : files) {
            for (List<LineSpan> spans : List.of(file.agent(), file.humanEdited())) {
                for (LineSpan span : spans) {
                    if (span.prompt().isPresent() && span.prompt().getAsInt() >= prompts.size()) {
                        throw new IllegalArgumentException(file.path() + ": prompt " + span.prompt().getAsInt()
                                + " of " + prompts.size());
                    }
                }
            }
        }
    }

    /**
     * The attribution in a session document; empty when there is none or when it lacks the per-file spans (the Go
     * tool writes the totals only). Malformed spans are a {@link JsonFormatException}.
     */
    public static Optional<InitialAttribution> fromJson(JsonObject session) {
        Optional<JsonObject> found = session.findObject("initial_attribution");
        if (found.isEmpty() || found.get().findString("tree").isEmpty() || found.get().findArray("files").isEmpty()) {
            return Optional.empty();
        }
        JsonObject json = found.get();
        String calculated = json.findString("calculated_at").orElse("");
        Instant calculatedAt = Timestamps.parse(calculated)
                .orElseThrow(() -> new JsonFormatException("initial_attribution: bad calculated_at " + calculated));
        List<AttributedFile> files = new ArrayList<>();
        for (JsonValue value : json.findArray("files").orElseThrow().elements()) {
            if (!(value instanceof JsonObject file)) {
                throw new JsonFormatException("initial_attribution: a file that is not an object");
            }
            String path = file.findString("path")
                    .orElseThrow(() -> new JsonFormatException("initial_attribution: a file without path"));
            try {
                files.add(new AttributedFile(path, (int) count(file, "added_lines"),
                        (int) count(file, "removed_lines"), spans(file, "agent"), spans(file, "human_edited")));
            } catch (IllegalArgumentException e) {
                throw new JsonFormatException("initial_attribution: " + e.getMessage());
            }
        }
        try {
            return Optional.of(new InitialAttribution(calculatedAt, json.findString("tree").orElseThrow(),
                    json.strings("prompts"), files));
        } catch (IllegalArgumentException e) {
            throw new JsonFormatException("initial_attribution: " + e.getMessage());
        }
    }

    /** True when both say the same of the same tree, whenever each was worked out. */
    public boolean sameVerdicts(InitialAttribution other) {
        return tree.equals(other.tree) && prompts.equals(other.prompts) && files.equals(other.files);
    }

    public JsonObject toJson() {
        long agent = 0;
        long edited = 0;
        long human = 0;
        long removedByHuman = 0;
        List<JsonValue> fileValues = new ArrayList<>(files.size());
        for (AttributedFile file : files) {
            agent += file.agentLines();
            edited += file.humanEditedLines();
            human += file.humanLines();
            if (file.agentLines() + file.humanEditedLines() == 0) {
                removedByHuman += file.removedLines();
            }
            Map<String, JsonValue> values = new LinkedHashMap<>();
            values.put("path", new JsonString(file.path()));
            values.put("added_lines", JsonNumber.of(file.addedLines()));
            values.put("removed_lines", JsonNumber.of(file.removedLines()));
            values.put("agent", spans(file.agent()));
            values.put("human_edited", spans(file.humanEdited()));
            fileValues.add(new JsonObject(values));
        }
        long total = agent + edited + human;
        Map<String, JsonValue> values = new LinkedHashMap<>();
        values.put("calculated_at", new JsonString(Timestamps.format(calculatedAt)));
        values.put("agent_lines", JsonNumber.of(agent));
        values.put("human_added", JsonNumber.of(human));
        values.put("human_modified", JsonNumber.of(edited));
        values.put("human_removed", JsonNumber.of(removedByHuman));
        values.put("total_committed", JsonNumber.of(total));
        // One decimal, written without an exponent: percent of the added lines the agent wrote as committed.
        long tenths = total == 0 ? 0 : Math.round(agent * 1000.0 / total);
        values.put("agent_percentage", new JsonNumber(tenths % 10 == 0 ? Long.toString(tenths / 10)
                : tenths / 10 + "." + tenths % 10));
        values.put("tree", new JsonString(tree));
        values.put("prompts", JsonArray.ofStrings(prompts));
        values.put("files", new JsonArray(fileValues));
        return new JsonObject(values);
    }

    private static JsonArray spans(List<LineSpan> spans) {
        List<JsonValue> values = new ArrayList<>(spans.size());
        for (LineSpan span : spans) {
            Map<String, JsonValue> members = new LinkedHashMap<>();
            members.put("start", JsonNumber.of(span.start()));
            members.put("end", JsonNumber.of(span.end()));
            span.prompt().ifPresent(prompt -> members.put("prompt", JsonNumber.of(prompt)));
            values.add(new JsonObject(members));
        }
        return new JsonArray(values);
    }

    private static List<LineSpan> spans(JsonObject file, String key) {
        List<LineSpan> spans = new ArrayList<>();
        for (JsonValue value : file.findArray(key).map(JsonArray::elements).orElse(List.of())) {
            if (!(value instanceof JsonObject span)) {
                throw new JsonFormatException("initial_attribution: a span that is not an object");
            }
            Optional<Long> prompt = span.findLong("prompt");
            spans.add(new LineSpan((int) count(span, "start"), (int) count(span, "end"),
                    prompt.isPresent() ? OptionalInt.of((int) (long) prompt.get()) : OptionalInt.empty()));
        }
        return spans;
    }

    private static long count(JsonObject object, String key) {
        long value = object.findLong(key).orElse(0L);
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new JsonFormatException("initial_attribution: " + key + " " + value + " out of range");
        }
        return value;
    }
}
