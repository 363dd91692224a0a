package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real Gemini CLI, installed by {@code npm ci} in {@code cli/src/test/e2e} (the version is pinned there), run
 * headless ({@code -p}) against a {@link ScriptedGeminiServer} in a home of its own that trusts only the repository,
 * so it never reaches the internet and never reads the user's settings.
 */
final class GeminiCli {
    static final String VERSION = "0.61.0";
    /** Pinned, so that Gemini CLI does not first ask a classifier model which model to use. */
    static final String MODEL = "gemini-2.5-pro";

    private final Path binary;
    private final Path repo;
    private final Map<String, String> environment;

    private GeminiCli(Path binary, Path repo, Map<String, String> environment) {
        this.binary = binary;
        this.repo = repo;
        this.environment = Map.copyOf(environment);
    }

    /** The installed binary, which must be the pinned version ({@link InstalledClient#binary}). */
    static Path binary() {
        Path binary = InstalledClient.binary("gemini", "Gemini CLI " + VERSION);
        InstalledClient.Output version = InstalledClient.run(List.of(binary.toString(), "--version"), Path.of("."),
                Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")));
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
        Map<String, String> env = InstalledClient.environment(home);
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
        InstalledClient.Output output = InstalledClient.run(command, repo, environment);
        Run run = new Run(output.exitCode(), output.out(), output.err());
        assertThat(run.exitCode()).as("gemini %s: %s", arguments, run).isZero();
        return run;
    }
}
