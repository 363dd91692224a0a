package io.entire.core.model;

import static java.util.Objects.requireNonNull;

import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonBoolean;
import io.entire.core.json.JsonFormatException;
import io.entire.core.json.JsonNumber;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A session's {@code <n>/metadata.json} (FORMATS.md 2.2). {@code source} is the document it was read from (empty
 * for new metadata): keys this program does not manage, such as {@code summary}, stay as they were on rewrite.
 */
public record SessionMetadata(Optional<String> cliVersion, CheckpointId checkpointId, SessionId sessionId,
        String strategy, Instant createdAt, Optional<String> branch, long checkpointsCount, List<String> filesTouched,
        Optional<String> agent, String model, Optional<String> turnId, boolean isTask, Optional<String> toolUseId,
        Optional<String> transcriptIdentifierAtStart, long transcriptStart, long compactTranscriptStart,
        Optional<TokenUsage> tokenUsage, Optional<InitialAttribution> initialAttribution, Optional<String> linkedCommit,
        JsonObject source) {

    static final List<String> KEYS = List.of("cli_version", "checkpoint_id", "session_id", "strategy", "created_at",
            "branch", "checkpoints_count", "files_touched", "agent", "model", "turn_id", "is_task", "tool_use_id",
            "transcript_identifier_at_start", "checkpoint_transcript_start", "transcript_lines_at_start",
            "compact_transcript_start", "token_usage", "initial_attribution", "linked_commit");

    public SessionMetadata {
        requireNonNull(cliVersion, "cliVersion is null");
        requireNonNull(checkpointId, "checkpointId is null");
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(strategy, "strategy is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(branch, "branch is null");
        if (checkpointsCount < 0 || transcriptStart < 0 || compactTranscriptStart < 0) {
            throw new IllegalArgumentException("session " + sessionId + ": negative count or offset");
        }
        filesTouched = List.copyOf(new TreeSet<>(filesTouched));
        requireNonNull(agent, "agent is null");
        requireNonNull(model, "model is null");
        requireNonNull(turnId, "turnId is null");
        requireNonNull(toolUseId, "toolUseId is null");
        requireNonNull(transcriptIdentifierAtStart, "transcriptIdentifierAtStart is null");
        requireNonNull(tokenUsage, "tokenUsage is null");
        requireNonNull(initialAttribution, "initialAttribution is null");
        requireNonNull(linkedCommit, "linkedCommit is null");
        if (linkedCommit.isPresent() && !isFullCommitId(linkedCommit.get())) {
            throw new IllegalArgumentException("session " + sessionId + ": linked commit '" + linkedCommit.get()
                    + "' is no full commit id");
        }
        requireNonNull(source, "source is null");
    }

    /** New metadata for a session with the fields every writer sets; the rest empty. */
    public static SessionMetadata create(String cliVersion, CheckpointId checkpointId, SessionId sessionId,
            Instant createdAt, Optional<String> branch, List<String> filesTouched, Optional<String> agent,
            String model, long transcriptStart, TokenUsage tokenUsage) {
        return new SessionMetadata(Optional.of(cliVersion), checkpointId, sessionId, "manual-commit", createdAt,
                branch, 1, filesTouched, agent, model, Optional.empty(), false, Optional.empty(), Optional.empty(),
                transcriptStart, 0, Optional.of(tokenUsage), Optional.empty(), Optional.empty(), JsonObject.EMPTY);
    }

    /** Reads a document; a missing or mistyped required key is a {@link JsonFormatException}. */
    public static SessionMetadata fromJson(JsonObject json) {
        String created = json.findString("created_at")
                .orElseThrow(() -> new JsonFormatException("session metadata without created_at"));
        long start = json.findLong("checkpoint_transcript_start").filter(value -> value > 0)
                .or(() -> json.findLong("transcript_lines_at_start")).orElse(0L);
        return new SessionMetadata(json.findString("cli_version"),
                CheckpointId.of(required(json, "checkpoint_id")), SessionId.of(required(json, "session_id")),
                json.findString("strategy").orElse("manual-commit"),
                Timestamps.parse(created).orElseThrow(() -> new JsonFormatException("bad created_at " + created)),
                json.findString("branch").filter(value -> !value.isEmpty()),
                json.findLong("checkpoints_count").orElse(0L), json.strings("files_touched"),
                json.findString("agent").filter(value -> !value.isEmpty()), json.findString("model").orElse(""),
                json.findString("turn_id").filter(value -> !value.isEmpty()),
                json.find("is_task").map(value -> value.equals(new JsonBoolean(true))).orElse(false),
                json.findString("tool_use_id").filter(value -> !value.isEmpty()),
                json.findString("transcript_identifier_at_start").filter(value -> !value.isEmpty()),
                Math.max(0, start), Math.max(0, json.findLong("compact_transcript_start").orElse(0L)),
                TokenUsageJson.read(json, "token_usage"), readableAttribution(json),
                json.findString("linked_commit").filter(SessionMetadata::isFullCommitId), json);
    }

    /**
     * Whether {@code text} is a full commit id as {@code linked_commit} holds it: 40 (SHA-1) or 64 (SHA-256) lowercase
     * hex digits.
     */
    public static boolean isFullCommitId(String text) {
        if (text.length() != 40 && text.length() != 64) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** A malformed attribution is read as none: blame then judges the lines from the transcript. */
    private static Optional<InitialAttribution> readableAttribution(JsonObject json) {
        try {
            return InitialAttribution.fromJson(json);
        } catch (JsonFormatException e) {
            return Optional.empty();
        }
    }

    /** The document to store: managed keys in canonical order over {@code source}. */
    public JsonObject toJson() {
        Map<String, JsonValue> values = new LinkedHashMap<>();
        cliVersion.ifPresent(value -> values.put("cli_version", new JsonString(value)));
        values.put("checkpoint_id", new JsonString(checkpointId.value()));
        values.put("session_id", new JsonString(sessionId.value()));
        values.put("strategy", new JsonString(strategy));
        values.put("created_at", source.findString("created_at")
                .filter(text -> Timestamps.parse(text).equals(Optional.of(createdAt)))
                .<JsonValue>map(JsonString::new)
                .orElse(new JsonString(Timestamps.format(createdAt))));
        branch.ifPresent(value -> values.put("branch", new JsonString(value)));
        values.put("checkpoints_count", JsonNumber.of(checkpointsCount));
        values.put("files_touched", JsonArray.ofStrings(filesTouched));
        agent.ifPresent(value -> values.put("agent", new JsonString(value)));
        // Older writers left model out entirely; keep such documents byte-identical when it is still unknown.
        if (!model.isEmpty() || source.members().isEmpty() || source.find("model").isPresent()) {
            values.put("model", new JsonString(model));
        }
        turnId.ifPresent(value -> values.put("turn_id", new JsonString(value)));
        if (isTask) {
            values.put("is_task", new JsonBoolean(true));
        }
        toolUseId.ifPresent(value -> values.put("tool_use_id", new JsonString(value)));
        transcriptIdentifierAtStart.ifPresent(value -> values.put("transcript_identifier_at_start",
                new JsonString(value)));
        // Writers before checkpoint_transcript_start wrote only the deprecated key; leave such documents alone.
        boolean legacyOffsetOnly = source.find("checkpoint_transcript_start").isEmpty()
                && source.findLong("transcript_lines_at_start").equals(Optional.of(transcriptStart));
        if (transcriptStart > 0) {
            if (!legacyOffsetOnly) {
                values.put("checkpoint_transcript_start", JsonNumber.of(transcriptStart));
            }
            values.put("transcript_lines_at_start", JsonNumber.of(transcriptStart));   // deprecated, still read
        }
        if (compactTranscriptStart > 0) {
            values.put("compact_transcript_start", JsonNumber.of(compactTranscriptStart));
        }
        tokenUsage.ifPresent(usage -> values.put("token_usage",
                TokenUsageJson.write(usage, source.find("token_usage"))));
        // A write that worked none out (a finalization), or the same verdicts again, keeps the one stored.
        Optional<InitialAttribution> previous = readableAttribution(source);
        boolean same = initialAttribution.isPresent() && previous.isPresent()
                && initialAttribution.get().sameVerdicts(previous.get());
        (initialAttribution.isEmpty() || same ? source.find("initial_attribution")
                : initialAttribution.map(InitialAttribution::toJson))
                .ifPresent(value -> values.put("initial_attribution", value));
        linkedCommit.ifPresent(value -> values.put("linked_commit", new JsonString(value)));
        return source.merge(KEYS, values);
    }

    public SessionMetadata withCheckpointId(CheckpointId id) {
        return new SessionMetadata(cliVersion, id, sessionId, strategy, createdAt, branch, checkpointsCount,
                filesTouched, agent, model, turnId, isTask, toolUseId, transcriptIdentifierAtStart, transcriptStart,
                compactTranscriptStart, tokenUsage, initialAttribution, linkedCommit, source);
    }

    public SessionMetadata withCreatedAt(Instant time) {
        return new SessionMetadata(cliVersion, checkpointId, sessionId, strategy, time, branch, checkpointsCount,
                filesTouched, agent, model, turnId, isTask, toolUseId, transcriptIdentifierAtStart, transcriptStart,
                compactTranscriptStart, tokenUsage, initialAttribution, linkedCommit, source);
    }

    public SessionMetadata withInitialAttribution(InitialAttribution attribution) {
        return new SessionMetadata(cliVersion, checkpointId, sessionId, strategy, createdAt, branch, checkpointsCount,
                filesTouched, agent, model, turnId, isTask, toolUseId, transcriptIdentifierAtStart, transcriptStart,
                compactTranscriptStart, tokenUsage, Optional.of(attribution), linkedCommit, source);
    }

    /**
     * The same session recorded for {@code commit} (full hex id), a commit it produced that carries no trailer naming
     * the checkpoint: {@code import} links past sessions so, without rewriting history.
     */
    public SessionMetadata withLinkedCommit(String commit) {
        return new SessionMetadata(cliVersion, checkpointId, sessionId, strategy, createdAt, branch, checkpointsCount,
                filesTouched, agent, model, turnId, isTask, toolUseId, transcriptIdentifierAtStart, transcriptStart,
                compactTranscriptStart, tokenUsage, initialAttribution, Optional.of(commit), source);
    }

    /** The same session with fields of a fresh write, keeping keys other writers added to the stored document. */
    public SessionMetadata withSource(JsonObject previous) {
        return new SessionMetadata(cliVersion, checkpointId, sessionId, strategy, createdAt, branch, checkpointsCount,
                filesTouched, agent, model, turnId, isTask, toolUseId, transcriptIdentifierAtStart, transcriptStart,
                compactTranscriptStart, tokenUsage, initialAttribution, linkedCommit, previous);
    }

    private static String required(JsonObject json, String key) {
        return json.findString(key).orElseThrow(() -> new JsonFormatException("session metadata without " + key));
    }
}
