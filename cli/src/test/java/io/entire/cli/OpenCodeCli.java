package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.json.JsonReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The real OpenCode, installed by {@code npm ci} in {@code cli/src/test/e2e} (the version is pinned there), run
 * headless ({@code opencode run}) against a {@link ChatCompletionsModelServer} through a provider of its own
 * configuration, in a home of its own, so it never reaches the internet and never reads the user's settings.
 */
final class OpenCodeCli {
    static final String VERSION = "1.18.33";
    static final String PROVIDER = "scripted";
    static final String MODEL = "scripted-model";

    private final Path binary;
    private final Path repo;
    private final Map<String, String> environment;

    private OpenCodeCli(Path binary, Path repo, Map<String, String> environment) {
        this.binary = binary;
        this.repo = repo;
        this.environment = Map.copyOf(environment);
    }

    /** The installed binary, which must be the pinned version ({@link InstalledClient#binary}). */
    static Path binary() {
        Path binary = InstalledClient.binary("opencode", "OpenCode " + VERSION);
        InstalledClient.Output version = InstalledClient.run(List.of(binary.toString(), "--version"), Path.of("."),
                Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")));
        assertThat(version.out().strip()).as("the installed OpenCode; run `npm ci` in cli/src/test/e2e")
                .isEqualTo(VERSION);
        return binary;
    }

    /**
     * OpenCode for {@code repo}, talking to {@code server}, with {@code home} as its home (its database, caches and
     * configuration go under it). Its configuration ({@code OPENCODE_CONFIG}, outside the repository) declares the
     * scripted server as an OpenAI-compatible provider; fetching the model catalogue, updates and sharing are off,
     * and npm is offline: the dependencies OpenCode installs for a plugin folder fail at once instead of after a
     * minute of retries (nothing here needs them). The plugin's hooks inherit this environment.
     */
    static OpenCodeCli forRepository(Path repo, ChatCompletionsModelServer server, Path home) throws IOException {
        Path config = Files.createDirectories(home).resolve("opencode-e2e.json");
        Files.writeString(config, """
                {
                  "$schema": "https://opencode.ai/config.json",
                  "autoupdate": false,
                  "share": "disabled",
                  "model": "%1$s/%2$s",
                  "small_model": "%1$s/%2$s",
                  "provider": {
                    "%1$s": {
                      "npm": "@ai-sdk/openai-compatible",
                      "name": "Scripted",
                      "options": {"baseURL": "%3$s", "apiKey": "opencode-e2e-dummy"},
                      "models": {"%2$s": {"name": "Scripted model"}}
                    }
                  }
                }
                """.formatted(PROVIDER, MODEL, server.baseUrl()));
        Map<String, String> env = InstalledClient.environment(home);
        env.put("OPENCODE_CONFIG", config.toString());
        env.put("OPENCODE_DISABLE_MODELS_FETCH", "1");
        env.put("OPENCODE_DISABLE_AUTOUPDATE", "1");
        env.put("OPENCODE_DISABLE_LSP_DOWNLOAD", "1");
        env.put("OPENCODE_DISABLE_CLAUDE_CODE", "1");
        env.put("npm_config_offline", "true");
        env.put("npm_config_registry", "http://127.0.0.1:9/");
        return new OpenCodeCli(binary(), repo, env);
    }

    /** The result of one {@code opencode run}: its JSON events, one a line, and the session it ran. */
    record Run(int exitCode, String out, String err) {
        String sessionId() {
            String first = out.lines().filter(line -> line.startsWith("{")).findFirst()
                    .orElseThrow(() -> new AssertionError("no events: " + this));
            return new JsonReader().parseObject(first.getBytes(StandardCharsets.UTF_8)).findString("sessionID")
                    .orElseThrow(() -> new AssertionError("no sessionID: " + this));
        }
    }

    /** {@code opencode run <prompt>}: one turn in a new session. */
    Run run(String prompt) {
        return run(List.of(), prompt);
    }

    /** {@code opencode run --session <session> <prompt>}: one more turn of an earlier session. */
    Run resume(String sessionId, String prompt) {
        return run(List.of("--session", sessionId), prompt);
    }

    /** {@code opencode import <file>}: brings an exported session into OpenCode's database. */
    void importSession(Path file) {
        InstalledClient.Output output = InstalledClient.run(List.of(binary.toString(), "import", file.toString()),
                repo, environment);
        assertThat(output.exitCode()).as("opencode import %s: %s", file, output).isZero();
    }

    // The prompt goes word by word: `opencode run` joins its arguments with spaces and quotes one holding a space.
    private Run run(List<String> options, String prompt) {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "run", "--format", "json", "--auto"));
        command.addAll(options);
        command.addAll(Arrays.asList(prompt.split(" ")));
        InstalledClient.Output output = InstalledClient.run(command, repo, environment);
        Run run = new Run(output.exitCode(), output.out(), output.err());
        assertThat(run.exitCode()).as("opencode %s: %s", options, run).isZero();
        return run;
    }
}
