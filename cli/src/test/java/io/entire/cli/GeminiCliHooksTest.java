package io.entire.cli;

import static io.entire.cli.ModelReply.calls;
import static io.entire.cli.ModelReply.input;
import static io.entire.cli.ModelReply.say;
import static io.entire.cli.ModelReply.tool;
import static io.entire.cli.ModelReply.usage;
import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.Environment;
import io.entire.core.agent.Agent;
import io.entire.core.agent.Agents;
import io.entire.core.agent.ExistingHooks;
import io.entire.core.agent.LifecycleEvent;
import io.entire.core.agent.TranscriptAnalysis;
import io.entire.core.agent.TranscriptFormat;
import io.entire.core.id.SessionId;
import io.entire.core.model.TokenUsage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Gemini CLI ({@link GeminiCli#VERSION}) against the scripted API, with the hook entries Entire installs
 * pointed at a command that keeps each payload: what Gemini CLI writes and sends today must read as Entire expects.
 */
class GeminiCliHooksTest {
    private static final String WRITE = "Create hello.txt containing Hello";
    private static final String EDIT = "Change Hello to Goodbye in hello.txt";

    @TempDir
    Path temp;

    @Test
    void aWriteThenAResumedEditReadAsTwoPartsOfOneChatAndTheInstalledHooksRun() throws IOException {
        Path repo = Files.createDirectories(temp.resolve("repo")).toRealPath();
        Path hello = repo.resolve("hello.txt");
        ModelScript script = ModelScript.of(
                WRITE, List.of(
                        calls(usage(100, 0, 0, 20), tool("write_file", input("file_path", hello.toString(), "content",
                                "Hello\n"))),
                        say("Created hello.txt.", usage(130, 0, 0, 5))),
                EDIT, List.of(
                        calls(usage(200, 0, 50, 30), tool("replace", input("file_path", hello.toString(),
                                "old_string", "Hello", "new_string", "Goodbye", "instruction", "Change the greeting"))),
                        say("Changed it.", usage(240, 0, 0, 7))));
        Path payloads = Files.createDirectories(temp.resolve("payloads"));
        Agent agent = Agents.bySlug("gemini");
        agent.settingsHooks(repo, Environment.of(Map.of(), repo, temp.resolve("no-home")))
                .install(keeper(payloads).toString(), ExistingHooks.KEEP);
        TranscriptFormat format = agent.transcriptFormat();
        Path home = Files.createDirectories(temp.resolve("home"));

        try (ScriptedGeminiServer server = new ScriptedGeminiServer(script, 20, Duration.ofMinutes(3))) {
            GeminiCli gemini = GeminiCli.forRepository(repo, server, home);
            String sessionId = gemini.print(WRITE).sessionId();
            assertThat(Files.readString(hello)).isEqualTo("Hello\n");
            Path chatFile = agent.transcriptLocator().find(SessionId.of(sessionId), repo,
                    Environment.of(Map.of("HOME", home.toString()), repo, home)).orElseThrow();
            TranscriptAnalysis first = format.analyze(chatFile, format.position(0), repo);
            assertThat(first.prompts()).containsExactly(WRITE);
            assertThat(first.filesTouched()).containsExactly("hello.txt");
            assertThat(first.tokenUsage()).isEqualTo(new TokenUsage(230, 0, 0, 25, 2));

            assertThat(gemini.resume(sessionId, EDIT).sessionId()).isEqualTo(sessionId);
            assertThat(Files.readString(hello)).isEqualTo("Goodbye\n");
            assertThat(server.problems()).as(server.log()).isEmpty();

            TranscriptAnalysis second = format.analyze(chatFile, first.end(), repo);
            assertThat(second.prompts()).containsExactly(EDIT);
            assertThat(second.filesTouched()).containsExactly("hello.txt");
            assertThat(second.tokenUsage()).isEqualTo(new TokenUsage(440, 0, 50, 37, 2));
            assertThat(second.model()).isEqualTo(GeminiCli.MODEL);
        }
        assertThat(events(payloads)).containsExactly("session-start", "before-agent", "after-agent", "session-end",
                "session-start", "before-agent", "after-agent", "session-end");
        LifecycleEvent resumedStart = agent.parseHook("session-start", Files.readAllBytes(payload(payloads, 5)));
        LifecycleEvent resumedTurnStart = agent.parseHook("before-agent", Files.readAllBytes(payload(payloads, 6)));
        LifecycleEvent firstTurnEnd = agent.parseHook("after-agent", Files.readAllBytes(payload(payloads, 3)));
        assertThat(resumedStart.transcript()).isEmpty();
        assertThat(resumedTurnStart.prompt()).contains(EDIT);
        assertThat(resumedTurnStart.transcript()).isEqualTo(firstTurnEnd.transcript()).isPresent();
    }

    /** A command that keeps its stdin as {@code <n>-<verb>.json}, {@code n} counting calls from 1. */
    private static Path keeper(Path payloads) throws IOException {
        Path script = payloads.resolveSibling("keep-payload");
        Files.writeString(script, "#!/bin/sh\n# called as: keep-payload hooks gemini <verb>\n"
                + "n=$(($(ls '" + payloads + "' | wc -l) + 1))\ncat > '" + payloads + "'/$n-$3.json\necho '{}'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private static Path payload(Path payloads, int number) throws IOException {
        try (Stream<Path> files = Files.list(payloads)) {
            return files.filter(file -> file.getFileName().toString().startsWith(number + "-")).findFirst()
                    .orElseThrow(() -> new AssertionError("no payload " + number + " in " + payloads));
        }
    }

    private static List<String> events(Path payloads) throws IOException {
        try (Stream<Path> files = Files.list(payloads)) {
            return files.map(file -> file.getFileName().toString()).sorted((a, b) -> Integer.compare(number(a),
                    number(b))).map(name -> name.substring(name.indexOf('-') + 1, name.length() - ".json".length()))
                    .toList();
        }
    }

    private static int number(String name) {
        return Integer.parseInt(name.substring(0, name.indexOf('-')));
    }
}
