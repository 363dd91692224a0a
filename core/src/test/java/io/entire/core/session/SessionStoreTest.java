package io.entire.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.entire.core.agent.Agents;
import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import io.entire.core.json.JsonFiles;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import io.entire.core.model.TokenUsage;
import io.entire.core.redact.RedactionRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionStoreTest {
    private static final SessionId ID = SessionId.of("75c838dd-10e3-40cf-8df3-17f9955149f8");
    private static final ObjectId BASE = ObjectId.of("0123456789abcdef0123456789abcdef01234567");
    private static final Instant T0 = Instant.parse("2026-02-06T05:12:45.809Z");

    @TempDir
    Path commonDir;

    @Test
    void aStateSurvivesTheRoundTripThroughItsFile() {
        SessionStore store = new SessionStore(commonDir, RedactionRules.NONE);
        Step step = new Step(1, T0.plusSeconds(5), List.of(new FileSnapshot("a.txt", Optional.of(BASE)),
                new FileSnapshot("gone.txt", Optional.empty())), List.of("Write a"), new TokenUsage(1, 2, 3, 4, 5),
                12);
        SessionState state = SessionState.start(ID, Agents.bySlug("claude-code"), Path.of("/work/repo"), "", BASE,
                Optional.of(Path.of("/home/u/.claude/projects/x/" + ID + ".jsonl")), List.of("untracked.txt"), T0)
                .startTurn(Optional.of("Write a"), 3, Optional.empty(), T0.plusSeconds(1))
                .endTurn(Optional.of(step), Optional.empty(), T0.plusSeconds(5))
                .withPendingCheckpoint(Optional.of(CheckpointId.of("a3b2c4d5e6f7")), T0.plusSeconds(6));

        try (SessionLock lock = store.lock(ID)) {
            store.save(state);
        }

        assertThat(store.find(ID)).contains(state);
        assertThat(store.list()).containsExactly(state);
        assertThat(state.files()).containsOnlyKeys("a.txt", "gone.txt");
        assertThat(commonDir.resolve("entire-sessions/" + ID + ".json")).exists();
        assertThat(commonDir.resolve("entire-sessions/" + ID + ".json.entire-tmp")).doesNotExist();
    }

    @Test
    void aPendingCheckpointChangesThatMemberAndTheTimesOnly() throws IOException {
        SessionStore store = new SessionStore(commonDir, RedactionRules.NONE);
        SessionState state = saved(store, session(ID.value(), T0));
        Path file = commonDir.resolve("entire-sessions/" + ID + ".json");
        Map<String, JsonValue> members = new LinkedHashMap<>(JsonFiles.readObject(file).orElseThrow().members());
        members.put("go_only", new JsonString("kept"));
        JsonFiles.writePrivately(file, new JsonObject(members));
        CheckpointId checkpoint = CheckpointId.of("a3b2c4d5e6f7");

        try (SessionLock lock = store.lock(ID)) {
            assertThat(store.savePendingCheckpoint(ID, checkpoint, T0.plusSeconds(9))).isTrue();
            assertThat(store.savePendingCheckpoint(SessionId.of("no-such-session"), checkpoint, T0)).isFalse();
        }

        assertThat(store.find(ID)).contains(state.withPendingCheckpoint(Optional.of(checkpoint), T0.plusSeconds(9)));
        JsonObject written = JsonFiles.readObject(file).orElseThrow();
        assertThat(written.findString("go_only")).contains("kept");
        assertThat(written.findString("pending_checkpoint_id")).contains(checkpoint.value());
        assertThat(commonDir.resolve("entire-sessions/no-such-session.json")).doesNotExist();

        Files.writeString(file, "{\"session_id\": ");
        try (SessionLock lock = store.lock(ID)) {
            assertThatThrownBy(() -> store.savePendingCheckpoint(ID, checkpoint, T0))
                    .isInstanceOf(SessionStateException.class);
        }
        assertThat(file).hasContent("{\"session_id\": ");
    }

    private static SessionState saved(SessionStore store, SessionState state) {
        try (SessionLock lock = store.lock(state.sessionId())) {
            store.save(state);
        }
        return state;
    }

    private static SessionState session(String id, Instant startedAt) {
        return SessionState.start(SessionId.of(id), Agents.bySlug("claude-code"), Path.of("/work/repo"), "", BASE,
                Optional.empty(), List.of(), startedAt).startTurn(Optional.of("Write a"), 0, Optional.empty(),
                startedAt);
    }

    private static Step step() {
        return new Step(1, T0.plusSeconds(5), List.of(new FileSnapshot("a.txt", Optional.of(BASE))), List.of("Write a"),
                TokenUsage.ZERO, 3);
    }

    @Test
    void livingSessionsAreListedAmongHundredsOfDoneOnesAndAnEndedOneWithWorkLeftIsLive() {
        SessionStore store = new SessionStore(commonDir, RedactionRules.NONE);
        for (int i = 0; i < 300; i++) {
            saved(store, session("done-%03d".formatted(i), T0).ended(T0.plusSeconds(9)));
        }
        SessionState active = saved(store, session("active", T0.plusSeconds(2)));
        SessionState idle = saved(store, session("idle", T0.plusSeconds(1)).endTurn(Optional.empty(),
                Optional.empty(), T0.plusSeconds(3)));
        SessionState owed = saved(store, session("owed", T0).endTurn(Optional.of(step()), Optional.empty(),
                T0.plusSeconds(5)).ended(T0.plusSeconds(6)));

        assertThat(store.listLive()).as("oldest first").containsExactly(owed, idle, active);
        assertThat(store.listLive()).as("from the cache").containsExactly(owed, idle, active);
        assertThat(store.list()).hasSize(303);
    }

    @Test
    void aDoneSessionIsSkippedUnreadWhileItsStateFileStaysTheSameAndReadAgainOnceItChanges() throws IOException {
        SessionStore store = new SessionStore(commonDir, RedactionRules.NONE);
        SessionState done = saved(store, session(ID.value(), T0).ended(T0.plusSeconds(9)));
        assertThat(store.listLive()).isEmpty();
        Path file = store.directory().resolve(ID + ".json");
        String text = Files.readString(file);
        FileTime written = Files.getLastModifiedTime(file);

        // Live again behind the cache's back, with the size, file and time it had: only a read would tell.
        Files.writeString(file, text.replace("\"phase\": \"ended\"", "\"phase\":  \"idle\""));
        Files.setLastModifiedTime(file, written);
        assertThat(store.list()).singleElement().satisfies(state -> assertThat(state.isDone()).isFalse());
        assertThat(store.listLive()).as("not read").isEmpty();

        Files.setLastModifiedTime(file, FileTime.from(written.toInstant().plusSeconds(1)));
        assertThat(store.listLive()).singleElement().satisfies(state -> assertThat(state.sessionId()).isEqualTo(ID));
        assertThat(done.isDone()).isTrue();
    }

    @Test
    void aDeletedSessionTakesItsRedactedTranscriptWithIt() throws IOException {
        SessionStore store = new SessionStore(commonDir, RedactionRules.NONE);
        saved(store, session("done-1", T0).ended(T0.plusSeconds(9)));
        saved(store, session("done-2", T0).ended(T0.plusSeconds(9)));
        for (String id : List.of("done-1", "done-2")) {
            Files.writeString(store.directory().resolve(id + SessionStore.REDACTED_TRANSCRIPT), "{}\n");
            Files.writeString(store.directory().resolve(id + SessionStore.REDACTED_PREFIX), "{}\n");
        }

        try (SessionLock lock = store.lock(SessionId.of("done-2"))) {
            store.delete(SessionId.of("done-2"));
        }

        assertThat(store.directory()).isDirectoryNotContaining("glob:**/done-2.*json*")
                .isDirectoryNotContaining("glob:**/done-2.redacted-prefix")
                .isDirectoryContaining("glob:**/done-1.redacted.jsonl")
                .isDirectoryContaining("glob:**/done-1.redacted-prefix");
    }

    @Test
    void aMissingOrDamagedCacheIsRebuiltByTheNextListing() throws IOException {
        SessionStore store = new SessionStore(commonDir, RedactionRules.NONE);
        saved(store, session("done-1", T0).ended(T0.plusSeconds(9)));
        saved(store, session("done-2", T0).ended(T0.plusSeconds(9)));
        SessionState active = saved(store, session("active", T0));
        Path cache = store.directory().resolve(RestingSessions.FILE);
        assertThat(store.listLive()).containsExactly(active);
        assertThat(Files.readAllLines(cache)).hasSize(2);

        Files.delete(cache);
        assertThat(store.listLive()).containsExactly(active);
        assertThat(Files.readAllLines(cache)).hasSize(2);

        Files.writeString(cache, "done-1\tno\tnumbers\n\u0000garbage");
        assertThat(store.listLive()).containsExactly(active);
        assertThat(Files.readAllLines(cache)).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("done-"));

        try (SessionLock lock = store.lock(SessionId.of("done-2"))) {
            store.delete(SessionId.of("done-2"));
        }
        assertThat(store.listLive()).containsExactly(active);
        assertThat(Files.readAllLines(cache)).as("a forgotten session leaves the cache").singleElement()
                .satisfies(line -> assertThat(line).startsWith("done-1\t"));
        assertThat(store.directory()).isDirectoryNotContaining("glob:**.entire-tmp");
    }

    @Test
    void doneSessionsLastUpdatedBeforeTheCutoffAreForgottenAndNoOtherOne() {
        SessionStore store = new SessionStore(commonDir, RedactionRules.NONE);
        saved(store, session("old-done", T0).ended(T0.plusSeconds(9)));
        SessionState recent = saved(store, session("recent-done", T0).ended(T0.plusSeconds(99)));
        SessionState oldIdle = saved(store, session("old-idle", T0).endTurn(Optional.empty(), Optional.empty(),
                T0.plusSeconds(9)));
        assertThat(store.listLive()).containsExactly(oldIdle);

        assertThat(store.forgetDoneBefore(T0.plusSeconds(50))).isEqualTo(1);

        assertThat(store.list()).extracting(SessionState::sessionId)
                .containsExactlyInAnyOrder(recent.sessionId(), oldIdle.sessionId());
    }

    @Test
    void savingRedactsThePromptsWithTheProjectsPatterns() throws IOException {
        SessionStore store = new SessionStore(commonDir, new RedactionRules(List.of(),
                List.of(Pattern.compile("ACME-[0-9]{4}"))));
        SessionState state = SessionState.start(ID, Agents.bySlug("claude-code"), Path.of("/r"), "", BASE,
                Optional.empty(), List.of(), T0).startTurn(Optional.of("licence ACME-1234 here"), 0, Optional.empty(),
                T0);

        try (SessionLock lock = store.lock(ID)) {
            store.save(state);
        }

        assertThat(Files.readString(store.directory().resolve(ID + ".json"))).doesNotContain("ACME-1234")
                .contains("licence REDACTED here");
    }

    @Test
    void anUnreadableStateIsAClearErrorAndListingSkipsIt() throws IOException {
        SessionStore store = new SessionStore(commonDir, RedactionRules.NONE);
        Files.createDirectories(store.directory());
        Files.writeString(store.directory().resolve(ID + ".json"), "{\"session_id\": ");

        assertThatThrownBy(() -> store.find(ID)).isInstanceOf(SessionStateException.class)
                .hasMessageContaining("delete it to start the session afresh");
        assertThat(store.list()).isEmpty();
        assertThat(SessionStore.deleteAll(commonDir)).isEqualTo(1);
        assertThat(store.directory()).doesNotExist();
    }

    @Test
    void aStateNamingAnotherSessionIsUnreadableAndListedAsSoWithEveryOtherUnreadableOne() throws IOException {
        SessionStore store = new SessionStore(commonDir, RedactionRules.NONE);
        SessionState other = saved(store, session("11111111-2222-3333-4444-555555555555", T0));
        Path renamed = store.directory().resolve(ID + ".json");
        Files.move(store.directory().resolve(other.sessionId() + ".json"), renamed);
        Path truncated = Files.writeString(store.directory().resolve("22222222-2222-3333-4444-555555555555.json"),
                "{\"session_id\": ");
        saved(store, session("33333333-2222-3333-4444-555555555555", T0));

        assertThatThrownBy(() -> store.find(ID)).isInstanceOf(SessionStateException.class)
                .hasMessageContaining("it names session " + other.sessionId());
        assertThat(store.list()).extracting(SessionState::sessionId)
                .containsExactly(SessionId.of("33333333-2222-3333-4444-555555555555"));
        List<UnreadableSessionState> unreadable = store.listAll().unreadable();
        assertThat(unreadable).extracting(UnreadableSessionState::file).containsExactly(truncated, renamed);
        assertThat(unreadable.get(1).problem()).isEqualTo("it names session " + other.sessionId());
    }

    @Test
    void condensingResetsTheStepsAndMovesTheSliceStart() {
        SessionState state = SessionState.start(ID, Agents.bySlug("claude-code"), Path.of("/r"), "", BASE,
                Optional.empty(), List.of(), T0).startTurn(Optional.of("p"), 10, Optional.empty(), T0);
        ObjectId head = ObjectId.of("89abcdef0123456789abcdef0123456789abcdef");
        Finalization owed = new Finalization(CheckpointId.of("a3b2c4d5e6f7"), 0, List.of("a.txt"), List.of("p"), 1);

        SessionState condensed = state.condensed(CheckpointId.of("a3b2c4d5e6f7"), 40, head, List.of(),
                Optional.of(owed), T0.plusSeconds(1));

        assertThat(condensed.transcriptStart()).isEqualTo(40);
        assertThat(condensed.baseCommit()).isEqualTo(head);
        assertThat(condensed.prompts()).isEmpty();
        assertThat(condensed.lastCheckpoint()).contains(CheckpointId.of("a3b2c4d5e6f7"));
        assertThat(condensed.isActive()).as("the turn runs on").isTrue();
        assertThat(condensed.endTurn(Optional.empty(), Optional.empty(), T0.plusSeconds(2)).finalization()).isEmpty();
    }

    /** A state file as the Go tool writes it (its session/state.go field names and types, nothing of ours). */
    private static String goState(Path worktree) {
        return """
                {
                  "session_id": "%s",
                  "cli_version": "0.4.2",
                  "base_commit": "%s",
                  "attribution_base_commit": "%s",
                  "worktree_path": "%s",
                  "started_at": "2026-02-06T06:12:45.809123456+01:00",
                  "phase": "active_committed",
                  "turn_id": "a1b2c3",
                  "turn_checkpoint_ids": ["a3b2c4d5e6f7"],
                  "last_interaction_time": "2026-02-06T05:20:00.5Z",
                  "checkpoint_count": 2,
                  "condensed_transcript_lines": 14,
                  "untracked_files_at_start": ["notes.txt"],
                  "files_touched": ["src/new.txt", "src/gone.txt"],
                  "agent_type": "Claude Code",
                  "token_usage": {"input_tokens": 10, "cache_creation_tokens": 0, "cache_read_tokens": 0,
                    "output_tokens": 5, "api_call_count": 1},
                  "transcript_identifier_at_start": "msg_01",
                  "transcript_path": "/home/u/.claude/projects/x/%s.jsonl",
                  "first_prompt": "Add new.txt",
                  "prompt_attributions": [{"checkpoint_number": 1, "user_lines_added": 0, "user_lines_removed": 0,
                    "agent_lines_added": 0, "agent_lines_removed": 0}]
                }
                """.formatted(ID, BASE.hex(), BASE.hex(), worktree, ID);
    }

    @Test
    void aStateTheGoToolWroteIsReadWithItsStepsFilesAsTheWorkTreeHoldsThem(@TempDir Path worktree)
            throws IOException {
        SessionStore store = new SessionStore(commonDir, RedactionRules.NONE);
        Files.createDirectories(worktree.resolve("src"));
        Files.writeString(worktree.resolve("src/new.txt"), "hello\n");
        Files.createDirectories(store.directory());
        Files.writeString(store.directory().resolve(ID + ".json"), goState(worktree));

        SessionState state = store.find(ID).orElseThrow();

        assertThat(state.agent().slug()).isEqualTo("claude-code");
        assertThat(state.phase()).as("legacy active_committed").isEqualTo(SessionPhase.ACTIVE);
        assertThat(state.startedAt()).isEqualTo(Instant.parse("2026-02-06T05:12:45.809123456Z"));
        assertThat(state.updatedAt()).isEqualTo(Instant.parse("2026-02-06T05:20:00.5Z"));
        assertThat(state.transcriptStart()).as("legacy condensed_transcript_lines").isEqualTo(14);
        assertThat(state.baseCommit()).isEqualTo(BASE);
        assertThat(state.worktree()).isEqualTo(worktree);
        assertThat(state.firstPrompt()).isEqualTo("Add new.txt");
        assertThat(state.untrackedAtStart()).containsExactly("notes.txt");
        assertThat(state.steps()).singleElement().satisfies(step -> assertThat(step.number()).isEqualTo(2));
        assertThat(state.files()).containsExactly(
                entry("src/new.txt", new FileSnapshot("src/new.txt",
                        Optional.of(ObjectId.of("ce013625030ba8dba906f756967f9e9ca394464a")))),
                entry("src/gone.txt", new FileSnapshot("src/gone.txt", Optional.empty())));
        assertThat(store.list()).containsExactly(state);
    }

    @Test
    void aGoStateNamingAFileOutsideTheWorkTreeIsUnreadable(@TempDir Path worktree) throws IOException {
        SessionStore store = new SessionStore(commonDir, RedactionRules.NONE);
        Files.createDirectories(store.directory());
        Files.writeString(store.directory().resolve(ID + ".json"), goState(worktree)
                .replace("\"src/gone.txt\"", "\"../outside.txt\""));

        assertThatThrownBy(() -> store.find(ID)).isInstanceOf(SessionStateException.class)
                .hasMessageContaining("outside the work tree");
    }

    @Test
    void ourStateFileCarriesTheGoFieldNamesAndTypes() throws IOException {
        SessionStore store = new SessionStore(commonDir, RedactionRules.NONE);
        Step step = new Step(1, T0.plusSeconds(5), List.of(new FileSnapshot("a.txt", Optional.of(BASE)),
                new FileSnapshot("gone.txt", Optional.empty())), List.of("Write a"), TokenUsage.ZERO, 12);
        SessionState state = SessionState.start(ID, Agents.bySlug("claude-code"), Path.of("/work/repo"), "", BASE,
                Optional.empty(), List.of(), T0).startTurn(Optional.of("Write a"), 3, Optional.empty(),
                T0.plusSeconds(1)).endTurn(Optional.of(step), Optional.empty(), T0.plusSeconds(5));

        try (SessionLock lock = store.lock(ID)) {
            store.save(state);
        }

        JsonObject json = JsonFiles.readObject(store.directory().resolve(ID + ".json")).orElseThrow();
        // What the Go tool's reader takes from it: its own names, with its types.
        assertThat(json.findString("session_id")).contains(ID.value());
        assertThat(json.findString("agent_type")).contains("Claude Code");
        assertThat(json.findString("base_commit")).contains(BASE.hex());
        assertThat(json.findString("worktree_path")).contains("/work/repo");
        assertThat(json.findString("phase")).contains("idle");
        assertThat(json.findString("started_at")).contains("2026-02-06T05:12:45.809Z");
        assertThat(json.findString("last_interaction_time")).contains("2026-02-06T05:12:50.809Z");
        assertThat(json.findLong("checkpoint_count")).contains(1L);
        assertThat(json.strings("files_touched")).containsExactly("a.txt", "gone.txt");
        assertThat(json.findString("first_prompt")).contains("Write a");
    }

    @Test
    void keysThisProgramDoesNotKnowSurviveAReadModifyWrite(@TempDir Path worktree) throws IOException {
        SessionStore store = new SessionStore(commonDir, RedactionRules.NONE);
        Files.createDirectories(store.directory());
        Path file = store.directory().resolve(ID + ".json");
        Files.writeString(file, goState(worktree));

        try (SessionLock lock = store.lock(ID)) {
            store.save(store.find(ID).orElseThrow().ended(T0.plusSeconds(600)));
        }

        JsonObject json = JsonFiles.readObject(file).orElseThrow();
        assertThat(json.findString("cli_version")).contains("0.4.2");
        assertThat(json.findString("attribution_base_commit")).contains(BASE.hex());
        assertThat(json.findString("turn_id")).contains("a1b2c3");
        assertThat(json.strings("turn_checkpoint_ids")).containsExactly("a3b2c4d5e6f7");
        assertThat(json.findString("transcript_identifier_at_start")).contains("msg_01");
        assertThat(json.findObject("token_usage").flatMap(usage -> usage.findLong("input_tokens"))).contains(10L);
        assertThat(json.findArray("prompt_attributions")).isPresent();
        assertThat(json.findString("phase")).contains("ended");
        assertThat(json.findLong("checkpoint_transcript_start")).contains(14L);
        assertThat(json.findLong("checkpoint_count")).as("the Go tool numbers its next step from it").contains(2L);
        assertThat(json.find("condensed_transcript_lines")).as("read as checkpoint_transcript_start").isEmpty();
    }

    @Test
    void ourFileAfterAGoSaveDroppedOurFieldsIsStillRead() throws IOException {
        SessionStore store = new SessionStore(commonDir, RedactionRules.NONE);
        SessionState state = SessionState.start(ID, Agents.bySlug("claude-code"), Path.of("/work/repo"), "", BASE,
                Optional.empty(), List.of("u.txt"), T0).startTurn(Optional.of("p"), 3, Optional.empty(),
                T0.plusSeconds(1));
        try (SessionLock lock = store.lock(ID)) {
            store.save(state);
        }
        Path file = store.directory().resolve(ID + ".json");
        JsonObject ours = JsonFiles.readObject(file).orElseThrow();
        Map<String, JsonValue> goKeysOnly = new LinkedHashMap<>(ours.members());
        goKeysOnly.keySet().removeIf(key -> List.of("agent", "steps", "prompts", "updated_at", "turn_transcript_start",
                "turn_started_at", "finalization", "pending_checkpoint_id").contains(key));
        JsonFiles.writePrivately(file, new JsonObject(goKeysOnly));

        SessionState read = store.find(ID).orElseThrow();

        assertThat(read.agent().slug()).isEqualTo("claude-code");
        assertThat(read.phase()).isEqualTo(SessionPhase.ACTIVE);
        assertThat(read.updatedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(read.untrackedAtStart()).containsExactly("u.txt");
        assertThat(read.steps()).isEmpty();
    }
}
