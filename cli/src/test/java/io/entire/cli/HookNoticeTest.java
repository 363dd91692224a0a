package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hook that cannot record tells the user once per session and problem, then only logs: an agent turn in a
 * repository without commits must not print a line at every prompt.
 */
class HookNoticeTest {
    private static final String SECOND_SESSION = "second-session";

    @TempDir
    Path temp;
    Sandbox workspace;

    @BeforeEach
    void enableWithoutCommits() {
        workspace = new Sandbox(temp);
        CliRun enable = workspace.run("enable");
        assertThat(enable.exitCode()).as(enable.err()).isZero();
    }

    @Test
    void aRepositoryWithoutCommitsIsNamedOncePerSessionAndLoggedEveryTime() throws IOException {
        CliRun first = prompt(Sandbox.SESSION_A);
        CliRun again = prompt(Sandbox.SESSION_A);
        CliRun stop = hook(Sandbox.SESSION_A, "stop", "Stop");
        CliRun otherSession = prompt(SECOND_SESSION);

        assertThat(first.exitCode()).isZero();
        assertThat(first.err().lines()).as(first.err()).singleElement().asString()
                .startsWith("entire: claude-code user-prompt-submit: the repository has no commits yet");
        assertThat(again.err()).as("told once per session").isEmpty();
        assertThat(stop.err()).isEmpty();
        assertThat(otherSession.err()).contains("no commits yet");
        String log = Files.readString(workspace.repo.resolve(".entire/logs/entire.log"), StandardCharsets.UTF_8);
        assertThat(log.lines().filter(line -> line.contains("no commits yet"))).as(log).hasSize(4);
    }

    @Test
    void aCorruptSettingsFileIsNamedOncePerSession() throws IOException {
        workspace.commit("initial");
        Files.writeString(workspace.repo.resolve(".entire/settings.json"), "{\"enabled\": tru}");

        CliRun first = prompt(Sandbox.SESSION_A);
        CliRun again = prompt(Sandbox.SESSION_A);

        assertThat(first.err().lines()).as(first.err()).singleElement().asString().contains("settings.json",
                "line 1");
        assertThat(again.err()).isEmpty();
        String log = Files.readString(workspace.repo.resolve(".entire/logs/entire.log"), StandardCharsets.UTF_8);
        assertThat(log.lines().filter(line -> line.contains("settings.json"))).as(log).hasSize(2);
    }

    @Test
    void aGitHookThatCannotReadTheSettingsSaysSoInOneLineAndLogsIt() throws IOException {
        workspace.commit("initial");
        Files.writeString(workspace.repo.resolve(".entire/settings.json"), "{\"enabled\": tru}");
        Path message = Files.writeString(temp.resolve("COMMIT_EDITMSG"), "Parser\n");

        CliRun prepare = CliRun.run(workspace.repo, workspace.env(), new byte[0], "hooks", "git",
                "prepare-commit-msg", message.toString(), "message");

        assertThat(prepare.exitCode()).isZero();
        assertThat(prepare.err().lines()).as(prepare.err()).singleElement().asString()
                .startsWith("entire: git prepare-commit-msg: ").contains("settings.json", "line 1")
                .doesNotContain("Exception");
        String log = Files.readString(workspace.repo.resolve(".entire/logs/entire.log"), StandardCharsets.UTF_8);
        assertThat(log.lines().filter(line -> line.contains("git prepare-commit-msg"))).as(log).singleElement()
                .asString().contains("settings.json");
        assertThat(Files.readString(message)).isEqualTo("Parser\n");
    }

    private CliRun prompt(String sessionId) {
        return hook(sessionId, "user-prompt-submit", "UserPromptSubmit");
    }

    private CliRun hook(String sessionId, String verb, String event) {
        String payload = "{\"session_id\":\"" + sessionId + "\",\"hook_event_name\":\"" + event + "\",\"cwd\":\""
                + workspace.repo + "\",\"prompt\":\"Say hello\"}";
        return CliRun.run(workspace.repo, workspace.env(), payload.getBytes(StandardCharsets.UTF_8), "hooks",
                "claude-code", verb);
    }
}
