package io.entire.core.attribution;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.AddedLine;
import io.entire.core.git.ChangedFile;
import io.entire.core.git.CommitDiff;
import io.entire.core.git.DatedCommit;
import io.entire.core.git.GitRepository;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonNumber;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import io.entire.core.store.CommitCheckpoints;
import io.entire.core.store.CommitLinks;
import io.entire.core.store.StoreSet;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Agent Trace records (the open specification, version 0.1.0) of the commits that link checkpoints (by trailer or by
 * an import's record, see {@link CommitLinks}): per commit, per file it added lines to, one conversation per session
 * with the lines its agent wrote ({@code ai}) and those a person edited from the agent's ({@code mixed}), and one with
 * the lines a person wrote ({@code human}). The verdicts are blame's (see {@link LineAttributor}). Uses the stores'
 * git processes from the calling thread.
 */
public final class TraceExporter {
    public static final String SPEC_VERSION = "0.1.0";

    private final GitRepository repository;
    private final StoreSet stores;
    private final String toolVersion;

    public TraceExporter(GitRepository repository, StoreSet stores, String toolVersion) {
        this.repository = requireNonNull(repository, "repository is null");
        this.stores = requireNonNull(stores, "stores is null");
        this.toolVersion = requireNonNull(toolVersion, "toolVersion is null");
    }

    /**
     * One record per linked commit of {@code range} (any range {@code git log} takes), oldest first; a range git does
     * not know is a {@link io.entire.core.git.RangeException}.
     */
    public List<JsonObject> export(String range) {
        Map<CheckpointId, Optional<CheckpointLines>> checkpoints = new HashMap<>();
        List<JsonObject> records = new ArrayList<>();
        for (CommitCheckpoints commit : new CommitLinks(repository, stores).inRange(range)) {
            List<CheckpointLines> linked = new ArrayList<>();
            for (CheckpointId id : commit.checkpoints()) {
                checkpoints.computeIfAbsent(id, key -> stores.find(key)
                        .map(located -> new CheckpointLines(located.store(), located.checkpoint())))
                        .ifPresent(linked::add);
            }
            records.add(record(commit.commit(), commit.checkpoints(), linked));
        }
        return records;
    }

    private JsonObject record(DatedCommit commit, List<CheckpointId> ids, List<CheckpointLines> linked) {
        List<JsonValue> files = new ArrayList<>();
        for (ChangedFile file : CommitDiff.of(repository, commit.id())) {
            Map<String, Conversation> conversations = new LinkedHashMap<>();
            for (AddedLine line : file.addedLines()) {
                Optional<Verdict> verdict = judge(commit, linked, file.path(), line);
                String key = verdict.map(found -> found.session().value()).orElse("");
                conversations.computeIfAbsent(key, session -> new Conversation(verdict.isEmpty(),
                        verdict.flatMap(Verdict::modelId)))
                        .add(line.number(), verdict.map(Verdict::author).orElse(LineAuthor.HUMAN));
            }
            if (!conversations.isEmpty()) {
                List<JsonValue> values = new ArrayList<>();
                conversations.values().forEach(conversation -> values.add(conversation.toJson()));
                files.add(object("path", new JsonString(file.path()), "conversations", new JsonArray(values)));
            }
        }
        List<JsonValue> checkpointIds = new ArrayList<>();
        ids.forEach(id -> checkpointIds.add(new JsonString(id.value())));
        return object("version", new JsonString(SPEC_VERSION),
                "id", new JsonString(UUID.nameUUIDFromBytes(("entire trace " + commit.id().hex())
                        .getBytes(StandardCharsets.UTF_8)).toString()),
                "timestamp", new JsonString(DateTimeFormatter.ISO_INSTANT.format(commit.committedAt())),
                "vcs", object("type", new JsonString("git"), "revision", new JsonString(commit.id().hex())),
                "tool", object("name", new JsonString("entire"), "version", new JsonString(toolVersion)),
                "files", new JsonArray(files),
                "metadata", object("checkpoint_ids", new JsonArray(checkpointIds)));
    }

    /** The agent's verdict on one added line, as blame gives it: the agent's wins over an edit of it. */
    private static Optional<Verdict> judge(DatedCommit commit, List<CheckpointLines> linked, String path,
            AddedLine line) {
        Optional<Verdict> edited = Optional.empty();
        for (CheckpointLines lines : linked) {
            Optional<AgentLines.Judgement> judgement = lines.judge(commit.tree(), path, line.number(), line.text());
            Optional<Verdict> verdict = judgement.map(found -> new Verdict(found.author(), found.origin().sessionId(),
                    modelId(lines.model(found.origin().sessionId()))));
            if (verdict.isPresent() && verdict.get().author() == LineAuthor.AGENT) {
                return verdict;
            }
            edited = edited.or(() -> verdict);
        }
        return edited;
    }

    /** A model as models.dev names it ({@code anthropic/claude-opus-4-5}), from the name the transcript gave. */
    static Optional<String> modelId(String model) {
        if (model.isEmpty() || model.contains("/")) {
            return model.isEmpty() ? Optional.empty() : Optional.of(model);
        }
        String provider = model.startsWith("claude") ? "anthropic/" : model.startsWith("gemini") ? "google/"
                : model.startsWith("gpt") || model.matches("o[0-9].*") ? "openai/" : "";
        return Optional.of(provider + model);
    }

    private static JsonObject object(Object... keysAndValues) {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            members.put((String) keysAndValues[i], (JsonValue) keysAndValues[i + 1]);
        }
        return new JsonObject(members);
    }

    private record Verdict(LineAuthor author, SessionId session, Optional<String> modelId) {
    }

    /**
     * One conversation's ranges in a file: consecutive lines of the same author form a range; the conversation's
     * contributor is {@code ai}, and ranges a person edited say {@code mixed}; with no model, a person's lines.
     */
    private static final class Conversation {
        private final Optional<String> modelId;
        private final boolean human;
        private final List<JsonValue> ranges = new ArrayList<>();
        private int start;
        private int end;
        private LineAuthor author;

        Conversation(boolean human, Optional<String> modelId) {
            this.human = human;
            this.modelId = modelId;
        }

        void add(int line, LineAuthor lineAuthor) {
            if (start > 0 && line == end + 1 && lineAuthor == author) {
                end = line;
                return;
            }
            flush();
            start = line;
            end = line;
            author = lineAuthor;
        }

        JsonObject toJson() {
            flush();
            return object("contributor", contributor(human ? "human" : "ai"), "ranges", new JsonArray(ranges));
        }

        private JsonObject contributor(String type) {
            Map<String, JsonValue> members = new LinkedHashMap<>();
            members.put("type", new JsonString(type));
            if (!human) {
                modelId.ifPresent(model -> members.put("model_id", new JsonString(model)));
            }
            return new JsonObject(members);
        }

        private void flush() {
            if (start == 0) {
                return;
            }
            Map<String, JsonValue> range = new LinkedHashMap<>();
            range.put("start_line", JsonNumber.of(start));
            range.put("end_line", JsonNumber.of(end));
            if (author == LineAuthor.HUMAN_EDITED) {
                range.put("contributor", contributor("mixed"));
            }
            ranges.add(new JsonObject(range));
            start = 0;
        }
    }
}
