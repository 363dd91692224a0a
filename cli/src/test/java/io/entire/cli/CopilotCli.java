package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real GitHub Copilot CLI, installed by {@code npm ci} in {@code cli/src/test/e2e} (the version is pinned there),
 * run as {@code copilot -p --output-format json} against a {@link ResponsesModelServer} through its own "bring your
 * own key" provider variables ({@code COPILOT_PROVIDER_BASE_URL}, no GitHub account), offline, with a home of its
 * own, so it never reaches the internet and never reads the user's settings. That home's {@code config.json} trusts
 * the repository, as Copilot CLI records it when the user trusts a folder; without it prompt mode does not load the
 * repository's hooks. The hooks inherit this environment.
 */
final class CopilotCli {
    static final String VERSION = "1.0.102";
    static final String MODEL = "gpt-5.1";
    /** Where the client unpacks its 230 MB runtime once, shared by every test's home (it would unpack per home). */
    private static final Path PACKAGE_CACHE = Path.of("target", "copilot-package-cache").toAbsolutePath();

    private final Path binary;
    private final Path repo;
    private final Path home;
    private final Map<String, String> environment;

    private CopilotCli(Path binary, Path repo, Path home, Map<String, String> environment) {
        this.binary = binary;
        this.repo = repo;
        this.home = home;
        this.environment = Map.copyOf(environment);
    }

    static Path binary() {
        return InstalledClient.binary("copilot", "Copilot CLI " + VERSION);
    }

    /** Copilot CLI for {@code repo}, talking to {@code server}, with {@code home} as its home. */
    static CopilotCli forRepository(Path repo, ResponsesModelServer server, Path home) throws IOException {
        Path config = Files.createDirectories(home.resolve(".copilot"));
        Files.writeString(config.resolve("config.json"), "{\"trusted_folders\": [\"" + repo.toRealPath() + "\"]}\n");
        Map<String, String> env = InstalledClient.environment(home);
        env.put("COPILOT_PROVIDER_BASE_URL", server.baseUrl().toString());
        env.put("COPILOT_PROVIDER_WIRE_API", "responses");
        env.put("COPILOT_PROVIDER_API_KEY", "sk-e2e-dummy");
        env.put("COPILOT_MODEL", MODEL);
        env.put("COPILOT_OFFLINE", "true");
        env.put("COPILOT_AUTO_UPDATE", "false");
        env.put("COPILOT_PKG_CACHE_HOME", PACKAGE_CACHE.toString());
        return new CopilotCli(binary(), repo, home, env);
    }

    /** One {@code copilot -p} run: its exit code, its JSON events and stderr. */
    record Run(int exitCode, List<JsonValue> events, String err) {
        String sessionId() {
            return events.stream().filter(event -> event.member("type").stringValue().equals("result"))
                    .map(event -> event.member("sessionId").stringValue()).findFirst()
                    .orElseThrow(() -> new AssertionError("no result event: " + this));
        }
    }

    /** {@code copilot -p <prompt>}: a new session of one turn. */
    Run print(String prompt) {
        return run(List.of("-p", prompt));
    }

    /** {@code copilot --resume=<session> -p <prompt>}: one more turn of an earlier session. */
    Run resume(String sessionId, String prompt) {
        return run(List.of("--resume=" + sessionId, "-p", prompt));
    }

    /** The session's log, {@code ~/.copilot/session-state/<session>/events.jsonl}. */
    Path events(String sessionId) {
        Path events = home.resolve(".copilot/session-state").resolve(sessionId).resolve("events.jsonl");
        assertThat(events).as("the session log of " + sessionId).isRegularFile();
        return events;
    }

    private Run run(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(arguments);
        command.addAll(List.of("--allow-all-tools", "--output-format", "json"));
        InstalledClient.Output output = InstalledClient.run(command, repo, environment);
        List<JsonValue> events = new ArrayList<>();
        for (String line : output.out().lines().toList()) {
            if (line.startsWith("{")) {
                events.add(new JsonReader().parse(line.getBytes(StandardCharsets.UTF_8)));
            }
        }
        Run run = new Run(output.exitCode(), events, output.err());
        assertThat(run.exitCode()).as("copilot %s: %s", arguments, run).isZero();
        return run;
    }
}
