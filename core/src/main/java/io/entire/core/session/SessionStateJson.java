package io.entire.core.session;

import io.entire.core.Environment;
import io.entire.core.agent.Agents;
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

/** The state file of a session ({@code <git common dir>/entire-sessions/<id>.json}), both ways. */
final class SessionStateJson {
    private SessionStateJson() {
    }

    static JsonObject write(SessionState state) {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        members.put("session_id", new JsonString(state.sessionId().value()));
        members.put("agent", new JsonString(state.agent().slug()));
        members.put("phase", new JsonString(state.phase().value()));
        members.put("worktree_path", new JsonString(state.worktree().toString()));
        members.put("worktree_id", new JsonString(state.worktreeId()));
        members.put("base_commit", new JsonString(state.baseCommit().hex()));
        members.put("transcript_path", state.transcript().<JsonValue>map(path -> new JsonString(path.toString()))
                .orElse(JsonNull.INSTANCE));
        members.put("first_prompt", new JsonString(state.firstPrompt()));
        members.put("started_at", new JsonString(Timestamps.format(state.startedAt())));
        members.put("updated_at", new JsonString(Timestamps.format(state.updatedAt())));
        members.put("checkpoint_transcript_start", JsonNumber.of(state.transcriptStart()));
        members.put("turn_transcript_start", JsonNumber.of(state.turn().transcriptStart()));
        members.put("turn_started_at", new JsonString(Timestamps.format(state.turn().startedAt())));
        members.put("prompts", JsonArray.ofStrings(state.prompts()));
        List<JsonValue> steps = new ArrayList<>(state.steps().size());
        for (Step step : state.steps()) {
            steps.add(step(step));
        }
        members.put("steps", new JsonArray(steps));
        members.put("untracked_files_at_start", JsonArray.ofStrings(state.untrackedAtStart()));
        members.put("pending_checkpoint_id", id(state.pendingCheckpoint()));
        members.put("last_checkpoint_id", id(state.lastCheckpoint()));
        members.put("finalization", state.finalization().<JsonValue>map(SessionStateJson::finalization)
                .orElse(JsonNull.INSTANCE));
        return new JsonObject(members);
    }

    /**
     * Reads a state file; a missing or mistyped field is a {@link JsonFormatException}. An agent that is not built in
     * is looked up on {@code environment}'s PATH, when there is one.
     */
    static SessionState read(JsonObject json, Optional<Environment> environment) {
        String agent = string(json, "agent");
        return new SessionState(SessionId.of(string(json, "session_id")),
                environment.isPresent() ? Agents.bySlug(agent, environment.get()) : Agents.bySlug(agent),
                SessionPhase.parse(string(json, "phase"))
                        .orElseThrow(() -> new JsonFormatException("unknown phase " + json.member("phase"))),
                Path.of(string(json, "worktree_path")), json.findString("worktree_id").orElse(""),
                ObjectId.of(string(json, "base_commit")), json.findString("transcript_path").map(Path::of),
                json.findString("first_prompt").orElse(""), instant(json, "started_at"), instant(json, "updated_at"),
                json.findLong("checkpoint_transcript_start").orElse(0L),
                new Turn(json.findLong("turn_transcript_start").orElse(0L), json.findString("turn_started_at")
                        .flatMap(Timestamps::parse).orElse(Instant.EPOCH)), json.strings("prompts"), steps(json),
                json.strings("untracked_files_at_start"),
                json.findString("pending_checkpoint_id").map(CheckpointId::of),
                json.findString("last_checkpoint_id").map(CheckpointId::of),
                json.findObject("finalization").map(SessionStateJson::readFinalization));
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
            entry.put("blob", file.blob().<JsonValue>map(blob -> new JsonString(blob.hex())).orElse(JsonNull.INSTANCE));
            files.add(new JsonObject(entry));
        }
        members.put("files", new JsonArray(files));
        members.put("token_usage", TokenUsageJson.write(step.tokenUsage(), Optional.empty()));
        return new JsonObject(members);
    }

    private static List<Step> steps(JsonObject json) {
        List<Step> steps = new ArrayList<>();
        for (JsonValue element : json.findArray("steps").map(JsonArray::elements).orElse(List.of())) {
            JsonObject step = object(element, "step");
            List<FileSnapshot> files = new ArrayList<>();
            for (JsonValue file : step.findArray("files").map(JsonArray::elements).orElse(List.of())) {
                JsonObject entry = object(file, "step file");
                files.add(new FileSnapshot(string(entry, "path"), entry.findString("blob").map(ObjectId::of)));
            }
            steps.add(new Step(Math.toIntExact(step.findLong("number").orElse(1L)), instant(step, "created_at"), files,
                    step.strings("prompts"), step.findObject("token_usage").map(TokenUsageJson::read)
                    .orElse(TokenUsage.ZERO), step.findLong("transcript_lines").orElse(0L)));
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
        return id.<JsonValue>map(value -> new JsonString(value.value())).orElse(JsonNull.INSTANCE);
    }

    private static JsonObject object(JsonValue value, String what) {
        if (value instanceof JsonObject object) {
            return object;
        }
        throw new JsonFormatException(what + " is not an object");
    }

    private static String string(JsonObject json, String key) {
        return json.findString(key).orElseThrow(() -> new JsonFormatException("session state without " + key));
    }

    private static Instant instant(JsonObject json, String key) {
        String text = string(json, key);
        return Timestamps.parse(text).orElseThrow(() -> new JsonFormatException(key + ": bad time '" + text + "'"));
    }
}
