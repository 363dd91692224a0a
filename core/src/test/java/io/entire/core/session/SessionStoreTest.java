package io.entire.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entire.core.agent.Agents;
import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import io.entire.core.model.TokenUsage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
        SessionStore store = new SessionStore(commonDir);
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
    void anUnreadableStateIsAClearErrorAndListingSkipsIt() throws IOException {
        SessionStore store = new SessionStore(commonDir);
        Files.createDirectories(store.directory());
        Files.writeString(store.directory().resolve(ID + ".json"), "{\"session_id\": ");

        assertThatThrownBy(() -> store.find(ID)).isInstanceOf(SessionStateException.class)
                .hasMessageContaining("delete it to start the session afresh");
        assertThat(store.list()).isEmpty();
        assertThat(store.deleteAll()).isEqualTo(1);
        assertThat(store.directory()).doesNotExist();
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
}
