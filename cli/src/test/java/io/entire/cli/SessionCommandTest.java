package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import io.entire.core.json.JsonWriter;
import io.entire.core.model.Timestamps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code entire session list|info|current|stop} over sessions the real hooks recorded. */
class SessionCommandTest {
    private static final String SESSION_B = "9d440bfc-a64f-43be-aa10-10a3764a59ea";

    @TempDir
    Path temp;
    LiveCapture live;
    Sandbox workspace;

    @BeforeEach
    void setUp() throws IOException {
        live = LiveCapture.enabledWithReadme(temp.resolve("work"));
        workspace = live.workspace;
    }

    @Test
    void listInfoAndCurrentShowTheRecordedSessions() {
        ClaudeSession alpha = new ClaudeSession(workspace, Sandbox.SESSION_A);
        alpha.prompt("Write the parser").write("parser.txt", "parse\n").say("Done.");
        assertThat(alpha.stop().exitCode()).isZero();
        new ClaudeSession(workspace, SESSION_B).prompt("Write the lexer");

        CliRun list = live.run("session", "list");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out()).contains(Sandbox.SESSION_A + "  Claude Code  idle", "1 step(s), 1 file(s)",
                "\"Write the parser\"", SESSION_B + "  Claude Code  active");

        List<JsonValue> json = ((JsonArray) new JsonReader().parse(live.run("session", "list", "--json").out()
                .getBytes(StandardCharsets.UTF_8))).elements();
        assertThat(json).extracting(element -> ((JsonObject) element).findString("session_id").orElseThrow())
                .containsExactlyInAnyOrder(Sandbox.SESSION_A, SESSION_B);
        JsonObject first = (JsonObject) json.stream().filter(element -> ((JsonObject) element)
                .findString("session_id").orElseThrow().equals(Sandbox.SESSION_A)).findFirst().orElseThrow();
        assertThat(first.strings("files")).containsExactly("parser.txt");
        assertThat(first.findString("shadow_branch")).contains(live.shadowBranches().get(0));

        CliRun info = live.run("session", "info", Sandbox.SESSION_A.substring(0, 6));
        assertThat(info.out()).contains("Session:     " + Sandbox.SESSION_A, "Files:       parser.txt",
                "Shadow:      " + live.shadowBranches().get(0));
        CliRun current = live.run("session", "current", "--json");
        assertThat(new JsonReader().parseObject(current.out().getBytes(StandardCharsets.UTF_8))
                .findString("session_id")).contains(SESSION_B);
        assertThat(live.run("session", "info", "0000").exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(live.run("session", "info", "").err())
                .isEqualTo("entire: no session id given; 'entire session list' shows them\n");
    }

    @Test
    void aTurnWithoutHooksForAnHourIsMarkedStale() throws IOException {
        new ClaudeSession(workspace, Sandbox.SESSION_A).prompt("Write the parser");
        age(Sandbox.SESSION_A, Duration.ofHours(2));

        CliRun list = live.run("session", "list");

        assertThat(list.out()).contains(Sandbox.SESSION_A + "  Claude Code  stuck-active (stale)  updated 2 hours ago");
        assertThat(new JsonReader().parseObject(live.run("session", "info", Sandbox.SESSION_A, "--json").out()
                .getBytes(StandardCharsets.UTF_8)).findString("condition")).contains("stuck-active");
    }

    @Test
    void aStoppedSessionLinksNoMoreCommits() throws IOException {
        // A turn whose stop never came: without a terminal, a commit of anything is linked to it.
        new ClaudeSession(workspace, Sandbox.SESSION_A).prompt("Write the parser");
        Files.writeString(workspace.repo.resolve("mine.txt"), "mine\n");
        live.userGit.run("add", "mine.txt");
        live.userGit.run("commit", "-q", "-m", "Mine");
        assertThat(live.headCheckpoint()).as("the stuck session took a commit that was not its own").isPresent();

        CliRun stop = live.run("session", "stop", Sandbox.SESSION_A);

        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        assertThat(stop.out()).contains(Sandbox.SESSION_A + ": stopped; it links no more commits");
        Files.writeString(workspace.repo.resolve("other.txt"), "other\n");
        live.userGit.run("add", "other.txt");
        live.userGit.run("commit", "-q", "-m", "Other");
        assertThat(live.headCheckpoint()).isEmpty();
        assertThat(live.sessionState(Sandbox.SESSION_A).findString("phase")).contains("ended");
        assertThat(live.run("session", "list").out()).contains("No live sessions.");
        assertThat(live.run("session", "stop", Sandbox.SESSION_A).out()).contains("already ended");
    }

    @Test
    void stopAllStopsEverySessionOfTheRepository() {
        new ClaudeSession(workspace, Sandbox.SESSION_A).prompt("One");
        new ClaudeSession(workspace, SESSION_B).prompt("Two");

        CliRun stop = live.run("session", "stop", "--all", "--json");

        assertThat(((JsonArray) new JsonReader().parse(stop.out().getBytes(StandardCharsets.UTF_8))).elements())
                .extracting(element -> ((JsonObject) element).findString("outcome").orElseThrow())
                .containsExactly("stopped", "stopped");
        assertThat(live.run("session", "list", "--json").out().strip()).isEqualTo("[]");
        assertThat(live.run("session", "stop", "--all", Sandbox.SESSION_A).exitCode()).isEqualTo(ExitCode.USAGE);
    }

    /** Moves a session's last hook into the past, as if the agent went quiet that long ago. */
    private void age(String sessionId, Duration by) throws IOException {
        Path file = workspace.repo.resolve(".git/entire-sessions").resolve(sessionId + ".json");
        JsonObject state = new JsonReader().parseObject(Files.readAllBytes(file));
        Map<String, JsonValue> members = new LinkedHashMap<>(state.members());
        members.put("updated_at", new JsonString(Timestamps.format(Instant.now().minus(by))));
        Files.write(file, JsonWriter.pretty(new JsonObject(members)));
    }
}
