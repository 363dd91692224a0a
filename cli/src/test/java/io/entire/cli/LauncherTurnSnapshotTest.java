package io.entire.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LauncherTurnSnapshotTest {
    private static final String PAYLOAD = "{\"session_id\":\"a\",\"hook_event_name\":\"UserPromptSubmit\"}\n";

    @Test
    void aSuccessfulStatusLineBeforeThePayloadMeansTheWorkTreeIsStaged() {
        LauncherTurnSnapshot.Input input = read("snapshot-exit:0\n" + PAYLOAD);

        assertThat(input.staged()).isTrue();
        assertThat(new String(input.payload(), UTF_8)).isEqualTo(PAYLOAD);
    }

    @Test
    void aFailedGitOrNoStatusLineLeavesTheStagingToTheHook() {
        assertThat(read("snapshot-exit:128\n" + PAYLOAD).staged()).isFalse();
        assertThat(new String(read("snapshot-exit:1\n" + PAYLOAD).payload(), UTF_8)).isEqualTo(PAYLOAD);
        assertThat(read("snapshot-exit:0").staged()).as("no newline: cut short").isFalse();
        assertThat(read("snapshot-exit:00\n" + PAYLOAD).staged()).isFalse();

        LauncherTurnSnapshot.Input payloadOnly = read(PAYLOAD);
        assertThat(payloadOnly.staged()).isFalse();
        assertThat(new String(payloadOnly.payload(), UTF_8)).as("all of it is the payload").isEqualTo(PAYLOAD);
        assertThat(read("").payload()).isEmpty();
    }

    private static LauncherTurnSnapshot.Input read(String input) {
        return LauncherTurnSnapshot.read(input.getBytes(UTF_8));
    }
}
