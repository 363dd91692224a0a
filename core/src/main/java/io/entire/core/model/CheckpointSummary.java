package io.entire.core.model;

import static java.util.Objects.requireNonNull;

import io.entire.core.id.CheckpointId;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonFormatException;
import io.entire.core.json.JsonNumber;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** A checkpoint's root {@code metadata.json} (FORMATS.md 2.1); {@code source} keeps other writers' keys. */
public record CheckpointSummary(Optional<String> cliVersion, Optional<String> checkpointsVersion, CheckpointId id,
        String strategy, Optional<String> branch, long checkpointsCount, List<String> filesTouched,
        List<SessionEntry> sessions, Optional<TokenUsage> tokenUsage, JsonObject source) {

    static final List<String> KEYS = List.of("cli_version", "checkpoints_version", "checkpoint_id", "strategy",
            "branch", "checkpoints_count", "files_touched", "sessions", "token_usage");

    public CheckpointSummary {
        requireNonNull(cliVersion, "cliVersion is null");
        requireNonNull(checkpointsVersion, "checkpointsVersion is null");
        requireNonNull(id, "id is null");
        requireNonNull(strategy, "strategy is null");
        requireNonNull(branch, "branch is null");
        if (checkpointsCount < 0) {
            throw new IllegalArgumentException("checkpoint " + id + ": negative count " + checkpointsCount);
        }
        filesTouched = List.copyOf(filesTouched);
        sessions = List.copyOf(sessions);
        requireNonNull(tokenUsage, "tokenUsage is null");
        requireNonNull(source, "source is null");
    }

    /** The summary that a set of sessions adds up to; root aggregates are always recomputed this way. */
    public static CheckpointSummary aggregate(CheckpointId id, Optional<String> cliVersion,
            Optional<String> checkpointsVersion, List<SessionMetadata> sessions, List<SessionEntry> entries,
            JsonObject source) {
        TreeSet<String> files = new TreeSet<>();
        long count = 0;
        Optional<TokenUsage> tokens = Optional.empty();
        Optional<String> branch = Optional.empty();
        for (SessionMetadata session : sessions) {
            files.addAll(session.filesTouched());
            count += session.checkpointsCount();
            if (session.tokenUsage().isPresent()) {
                TokenUsage usage = session.tokenUsage().get();
                tokens = Optional.of(tokens.map(total -> total.plus(usage)).orElse(usage));
            }
            if (session.branch().isPresent()) {
                branch = session.branch();     // the most recent slot's branch names the checkpoint
            }
        }
        // Older Go versions wrote auto-commit; a rewrite keeps what the checkpoint says it was made with.
        return new CheckpointSummary(cliVersion, checkpointsVersion, id, source.findString("strategy")
                .orElse("manual-commit"), branch, count, new ArrayList<>(files), entries, tokens, source);
    }

    public static CheckpointSummary fromJson(JsonObject json) {
        List<SessionEntry> sessions = new ArrayList<>();
        json.findArray("sessions").ifPresent(array -> array.elements().forEach(element -> {
            if (element instanceof JsonObject object) {
                sessions.add(SessionEntry.fromJson(object));
            }
        }));
        String id = json.findString("checkpoint_id")
                .orElseThrow(() -> new JsonFormatException("checkpoint metadata without checkpoint_id"));
        // The Go tool spells it checkpoint_version.
        return new CheckpointSummary(json.findString("cli_version"), json.findString("checkpoints_version")
                .or(() -> json.findString("checkpoint_version")),
                CheckpointId.of(id), json.findString("strategy").orElse("manual-commit"),
                json.findString("branch").filter(value -> !value.isEmpty()),
                json.findLong("checkpoints_count").orElse(0L), json.strings("files_touched"), sessions,
                TokenUsageJson.read(json, "token_usage"), json);
    }

    public JsonObject toJson() {
        Map<String, JsonValue> values = new LinkedHashMap<>();
        cliVersion.ifPresent(value -> values.put("cli_version", new JsonString(value)));
        checkpointsVersion.ifPresent(value -> values.put("checkpoints_version", new JsonString(value)));
        values.put("checkpoint_id", new JsonString(id.value()));
        values.put("strategy", new JsonString(strategy));
        branch.ifPresent(value -> values.put("branch", new JsonString(value)));
        values.put("checkpoints_count", JsonNumber.of(checkpointsCount));
        values.put("files_touched", JsonArray.ofStrings(filesTouched));
        List<JsonValue> entries = new ArrayList<>();
        sessions.forEach(entry -> entries.add(entry.toJson()));
        values.put("sessions", new JsonArray(entries));
        // Sessions without token counts add up to none; a zero total the document holds already stays as it is.
        tokenUsage.or(() -> TokenUsageJson.read(source, "token_usage").filter(TokenUsage::isZero))
                .filter(usage -> !usage.isZero() || source.find("token_usage").isPresent())
                .ifPresent(usage -> values.put("token_usage", TokenUsageJson.write(usage, source.find("token_usage"))));
        return source.merge(KEYS, values);
    }
}
