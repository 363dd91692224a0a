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
 * The real Gemini CLI, installed by {@code npm ci} in {@code cli/src/test/e2e} (the version is pinned there), run
 * headless ({@code -p}) against a {@link ScriptedGeminiServer} in a home of its own that trusts only the repository,
 * so it never reaches the internet and never reads the user's settings.
 */
final class GeminiCli {
    static final String VERSION = "0.61.0";
    /** Pinned, so that Gemini CLI does not first ask a classifier model which model to use. */
    static final String MODEL = "gemini-2.5-pro";
    private static final Path BINARY = Path.of("src", "test", "e2e", "node_modules", ".bin", "gemini");
    private static final long TIMEOUT_SECONDS = 90;

    private final Path binary;
    private final Path repo;
    private final Map<String, String> environment;

    private GeminiCli(Path binary, Path repo, Map<String, String> environment) {
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
            String missing = "Gemini CLI " + VERSION + " is not installed at " + binary
                    + "; run `npm ci` in cli/src/test/e2e (.ci/run does)";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(missing);
            }
            Assumptions.abort(missing);
        }
        Run version = execute(binary, List.of(binary.toString(), "--version"), Path.of("."), Map.of("PATH",
                System.getenv().getOrDefault("PATH", "/usr/bin:/bin")));
        assertThat(version.out().strip()).as("the installed Gemini CLI; run `npm ci` in cli/src/test/e2e")
                .isEqualTo(VERSION);
        return binary;
    }

    /**
     * Gemini CLI for {@code repo}, talking to {@code server}, with {@code home} as its home: user settings that pick
     * the API key and send no usage statistics, and a trust rule for the repository, without which Gemini CLI would
     * not run the repository's hooks. The hooks it runs inherit this environment.
     */
    static GeminiCli forRepository(Path repo, ScriptedGeminiServer server, Path home) throws IOException {
        Path settings = Files.createDirectories(home.resolve(".gemini"));
        Files.writeString(settings.resolve("settings.json"), "{\"security\": {\"auth\": {\"selectedType\": "
                + "\"gemini-api-key\"}}, \"privacy\": {\"usageStatisticsEnabled\": false}}\n");
        Files.writeString(settings.resolve("trustedFolders.json"),
                "{\"" + repo.toRealPath() + "\": \"TRUST_FOLDER\"}\n");
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("LANG", "C.UTF-8");
        env.put("HOME", home.toString());
        env.put("GOOGLE_GEMINI_BASE_URL", server.baseUrl().toString());
        env.put("GEMINI_API_KEY", "gemini-e2e-dummy");
        return new GeminiCli(binary(), repo, env);
    }

    /** The result of one {@code gemini -p} run: its JSON output and the session it ran. */
    record Run(int exitCode, String out, String err) {
        String sessionId() {
            JsonObject result = new JsonReader().parseObject(out.strip().getBytes(StandardCharsets.UTF_8));
            return result.findString("session_id").orElseThrow(() -> new AssertionError("no session_id: " + this));
        }
    }

    /** {@code gemini -p <prompt>}: one turn in a new session, which ends with the run. */
    Run print(String prompt) {
        return run(List.of("-p", prompt));
    }

    /** {@code gemini --resume <session> -p <prompt>}: one more turn of an earlier session. */
    Run resume(String sessionId, String prompt) {
        return run(List.of("--resume", sessionId, "-p", prompt));
    }

    private Run run(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-m", MODEL));
        command.addAll(arguments);
        command.addAll(List.of("--approval-mode", "yolo", "-o", "json"));
        Run run = execute(binary, command, repo, environment);
        assertThat(run.exitCode()).as("gemini %s: %s", arguments, run).isZero();
        return run;
    }

    private static Run execute(Path binary, List<String> command, Path directory, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            Path out = Files.createTempFile("gemini-out", ".json");
            Path err = Files.createTempFile("gemini-err", ".txt");
            try {
                builder.redirectOutput(out.toFile()).redirectError(err.toFile());
                Process process = builder.start();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new AssertionError(binary + " " + command + " did not finish in " + TIMEOUT_SECONDS + " s: "
                            + Files.readString(err));
                }
                return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while gemini ran", e);
        }
    }
}
