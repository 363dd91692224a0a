package io.entire.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A warning keeps the ids it is about apart from its text, and hands them to the log as fields. */
class WarningTest {
    private static final Instant TIME = Instant.parse("2026-12-04T21:00:00Z");
    private static final CheckpointId CHECKPOINT = CheckpointId.of("0123456789ab");
    private static final SessionId SESSION = SessionId.of("75c838dd-10e3-40cf-8df3-17f9955149f8");

    @Test
    void aCheckpointWarningBecomesAWarningEventWithTheCheckpointAndSessionAsFields() {
        Warning warning = Warning.aboutCheckpoint(CHECKPOINT, "checkpoint 0123456789ab: the v2 mirror was not written")
                .withSessionId(SESSION);

        DiagnosticEvent event = warning.event(TIME, "git post-commit");

        assertThat(event.level()).isEqualTo(Level.WARNING);
        assertThat(event.component()).isEqualTo("git post-commit");
        assertThat(event.message()).isEqualTo("checkpoint 0123456789ab: the v2 mirror was not written");
        assertThat(event.checkpointId()).contains(CHECKPOINT);
        assertThat(event.sessionId()).contains(SESSION);
        assertThat(event.ref()).isEmpty();
        assertThat(Diagnostics.json(event)).contains("\"checkpoint_id\":\"0123456789ab\"",
                "\"session_id\":\"" + SESSION.value() + "\"");
    }

    @Test
    void aRefWarningNamesItsRefAndIsReadAsItsText() {
        Warning warning = Warning.aboutRef("refs/heads/entire/abc1234", "shadow branch entire/abc1234 was kept");

        assertThat(warning.ref()).contains("refs/heads/entire/abc1234");
        assertThat(warning.checkpointId()).isEmpty();
        assertThat(warning).hasToString("shadow branch entire/abc1234 was kept");
        assertThat(warning.event(TIME, "doctor").ref()).contains("refs/heads/entire/abc1234");
    }

    @Test
    void aWarningWithoutTextIsRefused() {
        assertThatThrownBy(() -> new Warning(" ", Optional.empty(), Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
