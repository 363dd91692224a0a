package io.entire.core.agent.codex;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.Environment;
import io.entire.core.agent.PastSession;
import io.entire.core.agent.TranscriptAcceptance;
import io.entire.core.agent.TranscriptLocator;
import io.entire.core.id.SessionId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodexRolloutLocatorTest {
    private final TranscriptLocator locator = new Codex().transcriptLocator();

    @TempDir
    Path temp;

    @Test
    void findsASessionsRolloutWhicheverDayItStartedOnInCodexHome() throws IOException {
        Path codexHome = temp.resolve("codex-home");
        Path rollout = Files.createDirectories(codexHome.resolve("sessions/2026/12/04"))
                .resolve(Recording.ROLLOUT.getFileName());
        Files.copy(Recording.ROLLOUT, rollout);
        Environment environment = Environment.of(Map.of("CODEX_HOME", codexHome.toString()), temp,
                temp.resolve("no-home"));

        assertThat(locator.find(SessionId.of(Recording.SESSION_ID), temp, environment)).contains(rollout);
        assertThat(locator.find(SessionId.of("01a242ef-0000-7000-8000-000000000000"), temp, environment)).isEmpty();
        Environment homeOnly = Environment.of(Map.of("HOME", temp.toString()), temp, temp.resolve("no-home"));
        assertThat(locator.sessionDirectory(temp, homeOnly)).isEqualTo(temp.resolve(".codex/sessions"));
    }

    @Test
    void thePastSessionsOfAWorkTreeAreTheRolloutsWhoseCwdIsInIt() throws IOException {
        Path codexHome = temp.resolve("codex-home");
        Path rollout = Files.createDirectories(codexHome.resolve("sessions/2026/12/04"))
                .resolve(Recording.ROLLOUT.getFileName());
        Files.copy(Recording.ROLLOUT, rollout);
        Environment environment = Environment.of(Map.of("CODEX_HOME", codexHome.toString()), temp,
                temp.resolve("no-home"));
        String recordedIn = "/tmp/cx/repo";
        assertThat(Files.readAllLines(Recording.ROLLOUT).get(0)).contains("\"cwd\":\"" + recordedIn + "\"");

        assertThat(locator.pastSessions(Path.of(recordedIn), environment))
                .containsExactly(new PastSession(SessionId.of(Recording.SESSION_ID), rollout));
        assertThat(locator.pastSessions(Path.of("/tmp/cx"), environment)).as("a folder above it").hasSize(1);
        assertThat(locator.pastSessions(Path.of("/tmp/cx/repository"), environment)).isEmpty();
        assertThat(locator.pastSessions(Path.of(recordedIn), Environment.of(Map.of("CODEX_HOME",
                temp.resolve("none").toString()), temp, temp))).isEmpty();
    }

    @Test
    void aStoredRolloutGoesBackInTheDayFolderOfItsStartWhereCodexFindsItOrOverTheFileItKeeps() throws IOException {
        Environment environment = Environment.of(Map.of("HOME", temp.toString()), temp, temp.resolve("no-home"));
        SessionId session = SessionId.of(Recording.SESSION_ID);

        Path target = locator.restoreTarget(session, temp, environment, Optional.of(Recording.ROLLOUT)).file();

        LocalDateTime started = LocalDateTime.ofInstant(Instant.parse("2026-12-04T21:22:05.827Z"),
                ZoneId.systemDefault());
        assertThat(target).isEqualTo(temp.resolve(".codex/sessions").resolve(DateTimeFormatter.ofPattern(
                "yyyy/MM/dd/'rollout-'yyyy-MM-dd'T'HH-mm-ss").format(started) + "-" + Recording.SESSION_ID + ".jsonl"));
        Files.createDirectories(target.getParent());
        Files.copy(Recording.ROLLOUT, target);
        assertThat(locator.find(session, temp, environment)).contains(target);
        Path kept = Files.createDirectories(temp.resolve(".codex/sessions/2027/01/01"))
                .resolve("rollout-2027-01-01T00-00-00-" + Recording.SESSION_ID + ".jsonl");
        Files.move(target, kept);
        assertThat(locator.restoreTarget(session, temp, environment, Optional.of(Recording.ROLLOUT)).file())
                .as("the file it keeps").isEqualTo(kept);
    }

    @Test
    void onlyAFileInsideTheSessionsFolderIsAccepted() throws IOException {
        Path sessions = Files.createDirectories(temp.resolve(".codex/sessions/2026/12/04"));
        Path rollout = Files.writeString(sessions.resolve("rollout-x.jsonl"), "{}\n");
        Path outside = Files.writeString(temp.resolve("secret.txt"), "secret\n");
        Path link = Files.createSymbolicLink(sessions.resolve("rollout-link.jsonl"), outside);
        Environment environment = Environment.of(Map.of("HOME", temp.toString()), temp, temp.resolve("no-home"));

        assertThat(locator.accept(rollout, environment)).isEqualTo(TranscriptAcceptance.accepted(rollout.toRealPath()));
        assertThat(locator.accept(outside, environment).transcript()).isEmpty();
        assertThat(locator.accept(link, environment).refusal()).contains("is not inside");
        assertThat(locator.accept(sessions.resolve("rollout-new.jsonl"), environment).transcript())
                .contains(sessions.toRealPath().resolve("rollout-new.jsonl"));
    }
}
