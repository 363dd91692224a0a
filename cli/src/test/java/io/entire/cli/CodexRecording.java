package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.Environment;
import io.entire.core.agent.Agents;
import io.entire.core.id.SessionId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The first turn of the real Codex session of testdata/agents/codex replayed into a live workspace: its hooks' payloads
 * and its rollout as it stood when each hook ran, with the recording's paths moved to the workspace's repository and
 * Codex home ({@code ~/.codex}), and the file the turn wrote.
 */
final class CodexRecording {
    static final String SESSION_ID = "01a242ef-8f49-7880-9740-3cf34e06dc87";
    static final String ROLLOUT_NAME = "rollout-2026-12-04T21-22-05-" + SESSION_ID + ".jsonl";
    private static final Path DIRECTORY = Sandbox.FIXTURES.resolve("agents/codex");
    private static final String RECORDED_REPO = "/tmp/cx/repo";
    private static final String RECORDED_HOME = "/tmp/cx/home/.codex";
    /** The rollout's size in bytes when the first turn's hooks ran (hooks/transcript-size-at-hook.txt). */
    private static final int AT_START = 34377;
    private static final int AT_STOP = 41354;
    private static final int AT_END = 41706;

    private final Sandbox workspace;
    private final LiveCapture live;
    private final Path rollout;

    CodexRecording(Sandbox workspace, LiveCapture live) {
        this.workspace = workspace;
        this.live = live;
        this.rollout = codexHome(workspace).resolve("sessions/2026/12/04").resolve(ROLLOUT_NAME);
    }

    /** Where Codex keeps its configuration and sessions for the workspace's user. */
    static Path codexHome(Sandbox workspace) {
        return Path.of(workspace.env().get("HOME")).resolve(".codex");
    }

    /** Where Codex's own locator finds the session's rollout for {@code workspace}. */
    static Optional<Path> findRollout(Sandbox workspace) {
        Environment environment = Environment.of(workspace.env(), workspace.repo, workspace.claudeConfig.getParent());
        return Agents.bySlug("codex").transcriptLocator().find(SessionId.of(SESSION_ID), workspace.repo,
                environment);
    }

    /** Enables Codex and runs the turn that writes greeting.txt, up to its SessionEnd hook. */
    CodexRecording runFirstTurn() throws IOException {
        live.enable("--agent", "codex");
        writeRollout(AT_START);
        hook("01-SessionStart.json", "session-start");
        hook("02-UserPromptSubmit.json", "user-prompt-submit");
        Files.writeString(workspace.repo.resolve("greeting.txt"), "Hello\n");
        writeRollout(AT_STOP);
        hook("04-Stop.json", "stop");
        writeRollout(AT_END);
        hook("05-SessionEnd.json", "session-end");
        return this;
    }

    Path rollout() {
        return rollout;
    }

    private void writeRollout(int bytes) throws IOException {
        byte[] recorded = Files.readAllBytes(DIRECTORY.resolve(ROLLOUT_NAME));
        Files.createDirectories(rollout.getParent());
        Files.writeString(rollout, moved(new String(Arrays.copyOf(recorded, bytes), StandardCharsets.UTF_8)));
    }

    private void hook(String payload, String verb) throws IOException {
        String recorded = Files.readString(DIRECTORY.resolve("hooks").resolve(payload));
        CliRun run = CliRun.run(workspace.repo, live.env(), moved(recorded).getBytes(StandardCharsets.UTF_8),
                "hooks", "codex", verb);
        assertThat(run.exitCode()).as(verb + ": " + run).isZero();
    }

    private String moved(String recorded) throws IOException {
        return recorded.replace(RECORDED_HOME, codexHome(workspace).toString())
                .replace(RECORDED_REPO, workspace.repo.toRealPath().toString());
    }
}
