package io.entire.core.session;

import io.entire.core.Environment;
import io.entire.core.agent.Agent;
import io.entire.core.agent.Agents;
import io.entire.core.agent.LineMark;
import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonFormatException;
import io.entire.core.json.JsonNull;
import io.entire.core.json.JsonNumber;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import io.entire.core.model.Timestamps;
import io.entire.core.model.TokenUsage;
import io.entire.core.model.TokenUsageJson;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state file of a session ({@code <git common dir>/entire-sessions/<id>.json}), both ways. Written without
 * lambdas: every hook reads and writes this, and each lambda links through invokedynamic on first use, which a hook in
 * a JVM of its own pays on JDK 17.
 */
final class SessionStateJson {
    private static final String LEGACY_CONDENSED_LINES = "condensed_transcript_lines";
    private static final String LEGACY_LINES_AT_START = "transcript_lines_at_start";
    private static final String ULID_LAST_CHECKPOINT = "last_checkpoint";
    private static final String GO_UNKNOWN_AGENT = "Agent";

    private SessionStateJson() {
    }

    /**
     * Every key this program writes or retires, in the order it writes them: the Go tool's (FORMATS.md 7) first, then
     * its own. Keys of an existing file outside this list are kept as they were.
     */
    static final List<String> KEYS = List.of("session_id", "base_commit", "worktree_path", "worktree_id",
            "started_at", "ended_at", "phase", "last_interaction_time", "checkpoint_count",
            "checkpoint_transcript_start", LEGACY_CONDENSED_LINES, "untracked_files_at_start", "files_touched",
            "last_checkpoint_id", "agent_type", LEGACY_LINES_AT_START, "transcript_path", "first_prompt", "agent",
            "updated_at", "turn_transcript_start", "turn_started_at", "turn_transcript_mark", "prompts", "steps",
            "pending_checkpoint_id", ULID_LAST_CHECKPOINT, "finalization");

    static JsonObject write(SessionState state) {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        members.put("session_id", new JsonString(state.sessionId().value()));
        members.put("base_commit", new JsonString(state.baseCommit().hex()));
        members.put("worktree_path", new JsonString(state.worktree().toString()));
        members.put("worktree_id", new JsonString(state.worktreeId()));
        members.put("started_at", new JsonString(Timestamps.format(state.startedAt())));
        if (state.phase() == SessionPhase.ENDED) {
            members.put("ended_at", new JsonString(Timestamps.format(state.updatedAt())));
        }
        members.put("phase", new JsonString(state.phase().value()));
        members.put("last_interaction_time", new JsonString(Timestamps.format(state.updatedAt())));
        // The Go tool numbers its next step from this: the last step's number (a Go session read as one step keeps
        // the Go count).
        members.put("checkpoint_count", JsonNumber.of(state.steps().isEmpty() ? 0
                : state.steps().get(state.steps().size() - 1).number()));
        members.put("checkpoint_transcript_start", JsonNumber.of(state.transcriptStart()));
        members.put("untracked_files_at_start", JsonArray.ofStrings(state.untrackedAtStart()));
        members.put("files_touched", JsonArray.ofStrings(List.copyOf(state.files().keySet())));
        // The Go tool rejects the whole file over a last_checkpoint_id that is not 12 hex characters.
        if (state.lastCheckpoint().isPresent()) {
            CheckpointId id = state.lastCheckpoint().get();
            members.put(id.kind() == CheckpointId.Kind.LEGACY_HEX ? "last_checkpoint_id" : ULID_LAST_CHECKPOINT,
                    new JsonString(id.value()));
        }
        members.put("agent_type", new JsonString(state.agent().displayName()));
        if (state.transcript().isPresent()) {
            members.put("transcript_path", new JsonString(state.transcript().get().toString()));
        }
        members.put("first_prompt", new JsonString(state.firstPrompt()));
        members.put("agent", new JsonString(state.agent().slug()));
        members.put("updated_at", new JsonString(Timestamps.format(state.updatedAt())));
        members.put("turn_transcript_start", JsonNumber.of(state.turn().transcriptStart()));
        members.put("turn_started_at", new JsonString(Timestamps.format(state.turn().startedAt())));
        if (state.turn().mark().isPresent()) {
            LineMark mark = state.turn().mark().get();
            members.put("turn_transcript_mark", new JsonArray(List.of(JsonNumber.of(mark.lines()),
                    JsonNumber.of(mark.offset()))));
        }
        members.put("prompts", JsonArray.ofStrings(state.prompts()));
        List<JsonValue> steps = new ArrayList<>(state.steps().size());
        for (Step step : state.steps()) {
            steps.add(step(step));
        }
        members.put("steps", new JsonArray(steps));
        members.put("pending_checkpoint_id", id(state.pendingCheckpoint()));
        members.put("finalization", state.finalization().isPresent() ? finalization(state.finalization().get())
                : JsonNull.INSTANCE);
        return new JsonObject(members);
    }

    /**
     * Reads a state file written by this program or by the Go tool (which has no {@code steps}: its files touched,
     * as the work tree holds them, are read as one step); a missing or mistyped field is a
     * {@link JsonFormatException}. An agent that is not built in is looked up on {@code environment}'s PATH, when
     * there is one.
     */
    static SessionState read(JsonObject json, Optional<Environment> environment) {
        Path worktree = Path.of(string(json, "worktree_path"));
        ObjectId base = ObjectId.of(string(json, "base_commit"));
        Instant startedAt = instant(json, "started_at");
        Optional<String> updated = json.findString("updated_at");
        if (updated.isEmpty()) {
            updated = json.findString("last_interaction_time");
        }
        Instant updatedAt = updated.isPresent() ? Timestamps.parse(updated.get()).orElse(startedAt) : startedAt;
        long transcriptStart = Math.max(0, json.findLong("checkpoint_transcript_start").orElse(0L));
        if (transcriptStart == 0) {
            transcriptStart = Math.max(0, json.findLong(LEGACY_CONDENSED_LINES).orElse(0L));
        }
        if (transcriptStart == 0) {
            transcriptStart = json.findLong(LEGACY_LINES_AT_START).orElse(0L);
        }
        List<Step> steps = json.find("steps").isPresent() ? steps(json)
                : GoSessionFiles.step(json.findLong("checkpoint_count").orElse(0L), json.strings("files_touched"),
                        worktree, base.hex().length(), updatedAt, transcriptStart);
        String transcript = json.findString("transcript_path").orElse("");
        Optional<String> turnStarted = json.findString("turn_started_at");
        Optional<String> lastCheckpoint = json.findString("last_checkpoint_id");
        if (lastCheckpoint.isEmpty() || lastCheckpoint.get().isEmpty()) {
            lastCheckpoint = json.findString(ULID_LAST_CHECKPOINT);
        }
        Optional<JsonObject> finalization = json.findObject("finalization");
        return new SessionState(SessionId.of(string(json, "session_id")), agent(json, environment), phase(json),
                worktree, json.findString("worktree_id").orElse(""), base,
                transcript.isEmpty() ? Optional.empty() : Optional.of(Path.of(transcript)),
                json.findString("first_prompt").orElse(""), startedAt, updatedAt, transcriptStart,
                new Turn(json.findLong("turn_transcript_start").orElse(transcriptStart), turnStarted.isPresent()
                        ? Timestamps.parse(turnStarted.get()).orElse(updatedAt) : updatedAt, turnMark(json)),
                json.strings("prompts"), steps, json.strings("untracked_files_at_start"),
                checkpointId(json.findString("pending_checkpoint_id")), checkpointId(lastCheckpoint),
                finalization.isPresent() ? Optional.of(readFinalization(finalization.get())) : Optional.empty());
    }

    private static Optional<CheckpointId> checkpointId(Optional<String> text) {
        return text.isPresent() ? Optional.of(CheckpointId.of(text.get())) : Optional.empty();
    }

    /** Ours by slug; the Go tool's by display name, where "Agent" (and none) stands for its first agent, ours too. */
    private static Agent agent(JsonObject json, Optional<Environment> environment) {
        Optional<String> slug = json.findString("agent");
        if (slug.isPresent()) {
            return environment.isPresent() ? Agents.bySlug(slug.get(), environment.get()) : Agents.bySlug(slug.get());
        }
        String displayName = json.findString("agent_type").orElse(GO_UNKNOWN_AGENT);
        Optional<Agent> agent = Agents.findByDisplayName(displayName);
        if (agent.isEmpty() && (displayName.equals(GO_UNKNOWN_AGENT) || displayName.isEmpty())) {
            agent = Agents.find(Agents.slugs().get(0));
        }
        if (agent.isEmpty()) {
            throw new JsonFormatException("agent_type '" + displayName + "' is not supported");
        }
        return agent.get();
    }

    /** As the Go tool reads it: empty or unknown is idle, the legacy {@code active_committed} is active. */
    private static SessionPhase phase(JsonObject json) {
        String phase = json.findString("phase").orElse("");
        return phase.equals("active_committed") ? SessionPhase.ACTIVE
                : SessionPhase.parse(phase).orElse(SessionPhase.IDLE);
    }

    private static JsonValue step(Step step) {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        members.put("number", JsonNumber.of(step.number()));
        members.put("created_at", new JsonString(Timestamps.format(step.createdAt())));
        members.put("transcript_lines", JsonNumber.of(step.transcriptLines()));
        members.put("prompts", JsonArray.ofStrings(step.prompts()));
        List<JsonValue> files = new ArrayList<>();
        for (FileSnapshot file : step.files()) {
            Map<String, JsonValue> entry = new LinkedHashMap<>();
            entry.put("path", new JsonString(file.path()));
            entry.put("blob", file.blob().isPresent() ? new JsonString(file.blob().get().hex()) : JsonNull.INSTANCE);
            files.add(new JsonObject(entry));
        }
        members.put("files", new JsonArray(files));
        members.put("token_usage", TokenUsageJson.write(step.tokenUsage(), Optional.empty()));
        return new JsonObject(members);
    }

    private static List<Step> steps(JsonObject json) {
        List<Step> steps = new ArrayList<>();
        for (JsonValue element : elements(json, "steps")) {
            JsonObject step = object(element, "step");
            List<FileSnapshot> files = new ArrayList<>();
            for (JsonValue file : elements(step, "files")) {
                JsonObject entry = object(file, "step file");
                Optional<String> blob = entry.findString("blob");
                files.add(new FileSnapshot(string(entry, "path"),
                        blob.isPresent() ? Optional.of(ObjectId.of(blob.get())) : Optional.empty()));
            }
            Optional<JsonObject> tokens = step.findObject("token_usage");
            steps.add(new Step(Math.toIntExact(step.findLong("number").orElse(1L)), instant(step, "created_at"), files,
                    step.strings("prompts"), tokens.isPresent() ? TokenUsageJson.read(tokens.get()) : TokenUsage.ZERO,
                    step.findLong("transcript_lines").orElse(0L)));
        }
        return steps;
    }

    private static JsonValue finalization(Finalization finalization) {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        members.put("checkpoint_id", new JsonString(finalization.checkpointId().value()));
        members.put("transcript_start", JsonNumber.of(finalization.transcriptStart()));
        members.put("files", JsonArray.ofStrings(finalization.files()));
        members.put("prompts", JsonArray.ofStrings(finalization.prompts()));
        members.put("checkpoints_count", JsonNumber.of(finalization.checkpointsCount()));
        return new JsonObject(members);
    }

    private static Finalization readFinalization(JsonObject json) {
        return new Finalization(CheckpointId.of(string(json, "checkpoint_id")),
                json.findLong("transcript_start").orElse(0L), json.strings("files"), json.strings("prompts"),
                json.findLong("checkpoints_count").orElse(1L));
    }

    private static JsonValue id(Optional<CheckpointId> id) {
        return id.isPresent() ? new JsonString(id.get().value()) : JsonNull.INSTANCE;
    }

    /** The elements of the array under {@code key}; none when it is absent or not an array. */
    private static List<JsonValue> elements(JsonObject json, String key) {
        Optional<JsonArray> array = json.findArray(key);
        return array.isPresent() ? array.get().elements() : List.of();
    }

    private static JsonObject object(JsonValue value, String what) {
        if (value instanceof JsonObject object) {
            return object;
        }
        throw new JsonFormatException(what + " is not an object");
    }

    /** Where the turn's lines start in the file; none when absent or not two sensible numbers (never fatal). */
    private static Optional<LineMark> turnMark(JsonObject json) {
        List<JsonValue> fields = elements(json, "turn_transcript_mark");
        if (fields.size() != 2 || !(fields.get(0) instanceof JsonNumber lines)
                || !(fields.get(1) instanceof JsonNumber offset)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LineMark(lines.longValue(), offset.longValue()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String string(JsonObject json, String key) {
        Optional<String> text = json.findString(key);
        if (text.isEmpty()) {
            throw new JsonFormatException("session state without " + key);
        }
        return text.get();
    }

    private static Instant instant(JsonObject json, String key) {
        String text = string(json, key);
        Optional<Instant> time = Timestamps.parse(text);
        if (time.isEmpty()) {
            throw new JsonFormatException(key + ": bad time '" + text + "'");
        }
        return time.get();
    }
}
