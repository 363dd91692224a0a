package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Claude Code CLI, installed by {@code npm ci} in {@code cli/src/test/e2e} (the version is pinned there),
 * run with {@code -p} against a {@link ScriptedModelServer} in a home and config directory of its own, so it never
 * reaches the internet and never reads the user's settings.
 */
final class ClaudeCode {
    static final String VERSION = "2.1.332";
    private static final Path BINARY = Path.of("src", "test", "e2e", "node_modules", ".bin", "claude");
    private static final long TIMEOUT_SECONDS = 90;

    private final Path binary;
    private final Path repo;
    private final Map<String, String> environment;

    ClaudeCode(Path binary, Path repo, Map<String, String> environment) {
        this.binary = binary;
        this.repo = repo;
        this.environment = Map.copyOf(environment);
    }

    /**
     * The installed binary, which must be the pinned version; a test that needs it skips without it, except under CI,
     * where a missing binary means the set-up is broken and fails the test.
     */
    static Path binary() {
        Path binary = BINARY.toAbsolutePath();
        if (!Files.isExecutable(binary)) {
            String missing = "Claude Code " + VERSION + " is not installed at " + binary
                    + "; run `npm ci` in cli/src/test/e2e (.ci/run does)";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(missing);
            }
            Assumptions.abort(missing);
        }
        String version = version(binary);
        assertThat(version).as("the installed Claude Code; run `npm ci` in cli/src/test/e2e").startsWith(VERSION + " ");
        return binary;
    }

    private static String version(Path binary) {
        try {
            Process process = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(binary + " --version did not finish");
            }
            return output.strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while asking claude for its version", e);
        }
    }

    /**
     * Claude Code for {@code repo}, talking to {@code server}, with its config in {@code claudeConfig} and its home
     * in {@code home}; the hooks it runs inherit this environment.
     */
    static ClaudeCode forRepository(Path repo, ScriptedModelServer server, Path claudeConfig, Path home) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("LANG", "C.UTF-8");
        env.put("HOME", home.toString());
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
            ProcessBuilder builder = command(List.of("-p", "--input-format", "stream-json", "--output-format",
                    "stream-json", "--verbose")).redirectError(errors.toFile());
            return new ClaudeConversation(builder.start(), errors, TIMEOUT_SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ProcessBuilder command(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(arguments);
        command.add("--dangerously-skip-permissions");
        ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        return builder;
    }

    private Run run(List<String> arguments) {
        List<String> withOutput = new ArrayList<>(arguments);
        withOutput.addAll(List.of("--output-format", "json"));
        ProcessBuilder builder = command(withOutput)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        try {
            Path out = Files.createTempFile("claude-out", ".json");
            Path err = Files.createTempFile("claude-err", ".txt");
            try {
                builder.redirectOutput(out.toFile()).redirectError(err.toFile());
                Process process = builder.start();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new AssertionError("claude " + arguments + " did not finish in " + TIMEOUT_SECONDS + " s: "
                            + Files.readString(err));
                }
                String stdout = Files.readString(out, StandardCharsets.UTF_8);
                String stderr = Files.readString(err, StandardCharsets.UTF_8);
                JsonObject result = stdout.isBlank() ? JsonObject.EMPTY
                        : new JsonReader().parseObject(stdout.strip().getBytes(StandardCharsets.UTF_8));
                Run run = new Run(process.exitValue(), stdout, stderr, result);
                assertThat(run.exitCode()).as("claude %s: %s", arguments, run).isZero();
                assertThat(result.member("is_error").isTrue()).as("claude %s: %s", arguments, run).isFalse();
                return run;
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while claude ran", e);
        }
    }
}
