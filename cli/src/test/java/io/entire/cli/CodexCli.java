package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real Codex CLI, installed by {@code npm ci} in {@code cli/src/test/e2e} (the version is pinned there), run as
 * {@code codex exec --json} against a {@link ResponsesModelServer} with a home and {@code CODEX_HOME} of its own, so
 * it never reaches the internet and never reads the user's settings. Its user config selects the server through a
 * {@code model_providers} entry; the hooks it runs inherit this environment.
 */
final class CodexCli {
    static final String VERSION = "0.171.0";
    static final String MODEL = "gpt-5.1-codex";

    private final Path binary;
    private final Path repo;
    private final Path codexHome;
    private final Map<String, String> environment;

    private CodexCli(Path binary, Path repo, Path codexHome, Map<String, String> environment) {
        this.binary = binary;
        this.repo = repo;
        this.codexHome = codexHome;
        this.environment = Map.copyOf(environment);
    }

    /** The installed binary ({@link InstalledClient#binary}). */
    static Path binary() {
        return InstalledClient.binary("codex", "Codex " + VERSION);
    }

    /**
     * Codex for {@code repo}, talking to {@code server}, with {@code home} as its HOME and {@code home/.codex} as its
     * {@code CODEX_HOME}, whose {@code config.toml} this writes; {@code extraEnvironment} reaches the hooks too.
     */
    static CodexCli forRepository(Path repo, ResponsesModelServer server, Path home,
            Map<String, String> extraEnvironment) {
        Path codexHome = home.resolve(".codex");
        try {
            Files.createDirectories(codexHome);
            Files.writeString(codexHome.resolve("config.toml"), "model = \"" + MODEL + "\"\n"
                    + "model_provider = \"scripted\"\n\n[model_providers.scripted]\nname = \"scripted\"\n"
                    + "base_url = \"" + server.baseUrl() + "\"\nwire_api = \"responses\"\n"
                    + "env_key = \"SCRIPTED_API_KEY\"\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = InstalledClient.environment(home);
        env.putAll(extraEnvironment);
        env.put("CODEX_HOME", codexHome.toString());
        env.put("SCRIPTED_API_KEY", "sk-e2e-dummy");
        return new CodexCli(binary(), repo, codexHome, env);
    }

    Path codexHome() {
        return codexHome;
    }

    /** One {@code codex exec} run: its exit code, its JSON events and stderr, and the session it ran. */
    record Run(int exitCode, List<JsonValue> events, String err) {
        String sessionId() {
            return events.stream().filter(event -> event.member("type").stringValue().equals("thread.started"))
                    .map(event -> event.member("thread_id").stringValue()).findFirst()
                    .orElseThrow(() -> new AssertionError("no thread.started event: " + this));
        }
    }

    /** {@code codex exec <prompt>}: a new session of one turn. */
    Run exec(String prompt) {
        return run(List.of(prompt));
    }

    /** {@code codex exec resume <session> <prompt>}: one more turn of an earlier session. */
    Run resume(String sessionId, String prompt) {
        return run(List.of("resume", sessionId, prompt));
    }

    private Run run(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "exec", "--json", "--skip-git-repo-check",
                "-s", "workspace-write"));
        command.addAll(arguments);
        InstalledClient.Output output = InstalledClient.run(command, repo, environment);
        List<JsonValue> events = new ArrayList<>();
        for (String line : output.out().lines().toList()) {
            if (!line.isBlank()) {
                events.add(new JsonReader().parse(line.getBytes(StandardCharsets.UTF_8)));
            }
        }
        Run run = new Run(output.exitCode(), events, output.err());
        assertThat(run.exitCode()).as("codex %s: %s", arguments, run).isZero();
        return run;
    }

    /** The session's rollout under {@code $CODEX_HOME/sessions/YYYY/MM/DD/}. */
    Path rollout(String sessionId) {
        try (var files = Files.walk(codexHome.resolve("sessions"))) {
            Optional<Path> found = files.filter(path -> path.getFileName().toString().endsWith(sessionId + ".jsonl"))
                    .findFirst();
            return found.orElseThrow(() -> new AssertionError("no rollout of " + sessionId + " in " + codexHome));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A patch through {@code exec_command}, as Codex applies it when the model has no apply_patch tool. */
    static String applyPatch(String... patchLines) {
        return "apply_patch <<'PATCH'\n*** Begin Patch\n" + String.join("\n", patchLines) + "\n*** End Patch\nPATCH";
    }
}
