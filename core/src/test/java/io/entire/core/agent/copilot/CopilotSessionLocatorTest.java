package io.entire.core.agent.copilot;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.Environment;
import io.entire.core.agent.PastSession;
import io.entire.core.agent.TranscriptAcceptance;
import io.entire.core.id.SessionId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopilotSessionLocatorTest {
    private final CopilotSessionLocator locator = new CopilotSessionLocator();

    @TempDir
    Path home;

    @Test
    void findsASessionsLogUnderTheHomeOrCopilotHome() throws IOException {
        Path events = sessionLog(home.resolve(".copilot"));
        Environment environment = Environment.of(Map.of(), home, home);

        assertThat(locator.find(SessionId.of(Recording.SESSION_ID), home, environment)).contains(events);
        assertThat(locator.find(SessionId.of("4de47255-3d43-4938-b8fa-b6e49f1d0aca"), home, environment)).isEmpty();
        Environment moved = Environment.of(Map.of("COPILOT_HOME", Recording.DIRECTORY.toString()), home, home);
        assertThat(locator.find(SessionId.of(Recording.SESSION_ID), home, moved)).contains(Recording.EVENTS);
    }

    @Test
    void thePastSessionsOfAWorkTreeAreTheSessionFoldersWhoseLogStartsInIt() throws IOException {
        Path events = sessionLog(home.resolve(".copilot"));
        Files.createDirectories(home.resolve(".copilot/session-state/4de47255-3d43-4938-b8fa-b6e49f1d0aca"));
        Environment environment = Environment.of(Map.of(), home, home);

        assertThat(locator.pastSessions(Recording.REPO, environment))
                .containsExactly(new PastSession(SessionId.of(Recording.SESSION_ID), events));
        assertThat(locator.pastSessions(Path.of("/tmp/cpr/repo2"), environment)).isEmpty();
        assertThat(locator.pastSessions(Recording.REPO, Environment.of(Map.of(), home.resolve("none"),
                home.resolve("none")))).isEmpty();
    }

    @Test
    void acceptsOnlyASessionsEventsFileInsideSessionState() throws IOException {
        Path events = sessionLog(home.resolve(".copilot"));
        Environment environment = Environment.of(Map.of(), home, home);
        Path outside = Files.writeString(home.resolve("events.jsonl"), "{}\n");
        Path other = Files.writeString(events.resolveSibling("workspace.yaml"), "cwd: /tmp\n");
        Path link = Files.createSymbolicLink(events.getParent().resolveSibling("linked"), home);

        assertThat(locator.accept(events, environment)).isEqualTo(TranscriptAcceptance.accepted(events.toRealPath()));
        assertThat(locator.accept(outside, environment).refusal()).contains("not in a session folder");
        assertThat(locator.accept(other, environment).refusal()).contains("not a session's events.jsonl");
        assertThat(locator.accept(link.resolve("events.jsonl"), environment).transcript()).isEmpty();
        Path unwritten = Files.createDirectories(events.getParent().resolveSibling("4de47255-3d43-4938-b8fa-"
                + "b6e49f1d0aca")).resolve("events.jsonl");
        assertThat(locator.accept(unwritten, environment).transcript()).contains(unwritten.getParent().toRealPath()
                .resolve("events.jsonl"));
    }

    @Test
    void aSessionsEventsFileLinkingToAnotherFileIsRefused() throws IOException {
        Path events = sessionLog(home.resolve(".copilot"));
        Path yaml = Files.writeString(events.resolveSibling("workspace.yaml"), "cwd: /tmp\n");
        Path other = Files.createDirectories(events.getParent().resolveSibling("4de47255-3d43-4938-b8fa-"
                + "b6e49f1d0aca"));
        Path link = Files.createSymbolicLink(other.resolve("events.jsonl"), yaml);

        assertThat(locator.accept(link, Environment.of(Map.of(), home, home)).refusal())
                .contains("not a session's events.jsonl");
    }

    private static Path sessionLog(Path copilotHome) throws IOException {
        Path folder = Files.createDirectories(copilotHome.resolve("session-state").resolve(Recording.SESSION_ID));
        return Files.copy(Recording.EVENTS, folder.resolve("events.jsonl"));
    }
}
