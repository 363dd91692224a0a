package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real Claude Code CLI, installed by {@code npm ci} in {@code cli/src/test/e2e} (the version is pinned there),
 * run with {@code -p} against a {@link ScriptedModelServer} in a home and config directory of its own, so it never
 * reaches the internet and never reads the user's settings.
 */
final class ClaudeCode {
    static final String VERSION = "2.1.332";

    private final Path binary;
    private final Path repo;
    private final Map<String, String> environment;

    ClaudeCode(Path binary, Path repo, Map<String, String> environment) {
        this.binary = binary;
        this.repo = repo;
        this.environment = Map.copyOf(environment);
    }

    /** The installed binary, which must be the pinned version ({@link InstalledClient#binary}). */
    static Path binary() {
        Path binary = InstalledClient.binary("claude", "Claude Code " + VERSION);
        String version = InstalledClient.run(List.of(binary.toString(), "--version"), Path.of("."), System.getenv())
                .out().strip();
        assertThat(version).as("the installed Claude Code; run `npm ci` in cli/src/test/e2e").startsWith(VERSION + " ");
        return binary;
    }

    /**
     * Claude Code for {@code repo}, talking to {@code server}, with its config in {@code claudeConfig} and its home
     * in {@code home}; the hooks it runs inherit this environment.
     */
    static ClaudeCode forRepository(Path repo, ScriptedModelServer server, Path claudeConfig, Path home) {
        Map<String, String> env = InstalledClient.environment(home);
        env.put("CLAUDE_CONFIG_DIR", claudeConfig.toString());
        env.put("ANTHROPIC_BASE_URL", server.baseUrl().toString());
        env.put("ANTHROPIC_API_KEY", "sk-ant-e2e-dummy");
        env.put("DISABLE_TELEMETRY", "1");
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        env.put("DISABLE_AUTOUPDATER", "1");
        env.put("DISABLE_ERROR_REPORTING", "1");
        // Lets --dangerously-skip-permissions run as root, as it does in CI containers.
        env.put("IS_SANDBOX", "1");
        return new ClaudeCode(binary(), repo, env);
    }

    /** The result of one {@code claude -p} run: its JSON result and the session it ran. */
    record Run(int exitCode, String out, String err, JsonObject result) {
        String sessionId() {
            return result.findString("session_id").orElseThrow(() -> new AssertionError("no session_id: " + this));
        }
    }

    /** {@code claude -p <prompt>}: one turn in a new session, which ends with the run. */
    Run print(String prompt) {
        return run(List.of("-p", prompt));
    }

    /** {@code claude -p --resume <session> <prompt>}: one more turn of an earlier session. */
    Run resume(String sessionId, String prompt) {
        return run(List.of("-p", "--resume", sessionId, prompt));
    }

    /**
     * {@code claude -p} reading prompts as stream-json on stdin: one session, which runs a turn per prompt and ends
     * when the conversation is closed, as an interactive session ends at {@code /exit}; its stderr goes to
     * {@code errors}.
     */
    ClaudeConversation converse(Path errors) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command(List.of("-p", "--input-format", "stream-json",
                    "--output-format", "stream-json", "--verbose"))).directory(repo.toFile())
                    .redirectError(errors.toFile());
            builder.environment().clear();
            builder.environment().putAll(environment);
            return new ClaudeConversation(builder.start(), errors, InstalledClient.TIMEOUT_SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> command(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(arguments);
        command.add("--dangerously-skip-permissions");
        return command;
    }

    private Run run(List<String> arguments) {
        List<String> withOutput = new ArrayList<>(arguments);
        withOutput.addAll(List.of("--output-format", "json"));
        InstalledClient.Output output = InstalledClient.run(command(withOutput), repo, environment);
        JsonObject result = output.out().isBlank() ? JsonObject.EMPTY
                : new JsonReader().parseObject(output.out().strip().getBytes(StandardCharsets.UTF_8));
        Run run = new Run(output.exitCode(), output.out(), output.err(), result);
        assertThat(run.exitCode()).as("claude %s: %s", arguments, run).isZero();
        assertThat(result.member("is_error").isTrue()).as("claude %s: %s", arguments, run).isFalse();
        return run;
    }
}
