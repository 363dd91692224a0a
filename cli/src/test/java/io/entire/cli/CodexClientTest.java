package io.entire.cli;

import static io.entire.cli.ModelReply.calls;
import static io.entire.cli.ModelReply.input;
import static io.entire.cli.ModelReply.say;
import static io.entire.cli.ModelReply.tool;
import static io.entire.cli.ModelReply.usage;
import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.agent.ExistingHooks;
import io.entire.core.agent.codex.CodexHookPayload;
import io.entire.core.agent.codex.CodexHookTrust;
import io.entire.core.agent.codex.CodexHooksFile;
import io.entire.core.agent.codex.CodexRollout;
import io.entire.core.agent.codex.RolloutAnalysis;
import io.entire.core.model.TokenUsage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Codex CLI ({@link CodexCli#VERSION}) against the scripted Responses server, with the hooks and the trust
 * record Entire writes but a command that only keeps each payload: Codex must run every hook Entire trusted, and its
 * rollout must split into one part per turn at the line the Stop hook saw.
 */
class CodexClientTest {
    static final String GREETING = "Add a greeting file";
    static final String TYPO = "Fix the typo in README.md";

    @TempDir
    Path temp;

    private ResponsesModelServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** A turn that adds greeting.txt, and one that edits README.md, each through an apply_patch. */
    static ModelScript greetingThenTypo() {
        return ModelScript.of(
                GREETING, List.of(
                        calls(usage(200, 0, 1000, 40), tool("exec_command", input("cmd",
                                CodexCli.applyPatch("*** Add File: greeting.txt", "+Hello")))),
                        say("Added greeting.txt.", usage(100, 0, 1200, 8))),
                TYPO, List.of(
                        calls(usage(200, 0, 1300, 30), tool("exec_command", input("cmd",
                                CodexCli.applyPatch("*** Update File: README.md", "@@", "-# Helo", "+# Hello")))),
                        say("Fixed the typo.", usage(100, 0, 1500, 6))));
    }

    @Test
    void theHooksEntireTrustsRunAndEachTurnIsThePartAfterThePreviousStop() throws IOException {
        Path repo = repository();
        Path payloads = Files.createDirectories(temp.resolve("payloads"));
        server = new ResponsesModelServer(greetingThenTypo(), 10, Duration.ofMinutes(3));
        CodexCli codex = CodexCli.forRepository(repo, server, temp.resolve("home"), Map.of());
        CodexHooksFile hooksFile = new CodexHooksFile(repo);
        hooksFile.install(hooksFile.plan(keeper(payloads), ExistingHooks.KEEP));
        CodexHookTrust trustRecord = new CodexHookTrust(codex.codexHome());
        CodexHookTrust.Outcome trust = trustRecord.write(trustRecord.plan(repo, repo.resolve(CodexHooksFile.FILE),
                hooksFile.entries()));
        assertThat(trust).isEqualTo(new CodexHookTrust.Outcome(4, CodexHookTrust.ProjectTrust.TRUSTED_NOW));

        String sessionId = codex.exec(GREETING).sessionId();
        long firstStop = rolloutLinesAt(payloads, "stop", 1);
        codex.resume(sessionId, TYPO);

        assertThat(server.problems()).as(server.log()).isEmpty();
        assertThat(Files.readString(repo.resolve("README.md"))).isEqualTo("# Hello\n");
        assertThat(kept(payloads)).containsExactly("1-session-start", "1-user-prompt-submit", "1-stop",
                "1-session-end", "2-session-start", "2-user-prompt-submit", "2-stop", "2-session-end");
        CodexHookPayload prompt = CodexHookPayload.parse(Files.readAllBytes(payloads.resolve(
                "2-user-prompt-submit.json")));
        assertThat(prompt.prompt()).contains(TYPO);
        assertThat(prompt.sessionId().value()).isEqualTo(sessionId);
        Path rollout = codex.rollout(sessionId);
        assertThat(prompt.transcriptPath()).contains(rollout);

        RolloutAnalysis whole = CodexRollout.analyze(rollout, 0, repo);
        RolloutAnalysis firstTurn = CodexRollout.analyze(firstLines(rollout, firstStop), 0, repo);
        RolloutAnalysis second = CodexRollout.analyze(rollout, firstStop, repo);
        assertThat(firstTurn.prompts()).containsExactly(GREETING);
        assertThat(firstTurn.filesTouched()).containsExactly("greeting.txt");
        assertThat(firstTurn.tokenUsage()).isEqualTo(new TokenUsage(300, 0, 2200, 48, 2));
        assertThat(firstTurn.model()).contains(CodexCli.MODEL);
        assertThat(second.prompts()).containsExactly(TYPO);
        assertThat(second.filesTouched()).containsExactly("README.md");
        assertThat(second.tokenUsage()).isEqualTo(new TokenUsage(300, 0, 2800, 36, 2));
        assertThat(whole.prompts()).containsExactly(GREETING, TYPO);
        assertThat(second.lineCount()).isEqualTo(Files.readAllLines(rollout).size());
    }

    @Test
    void withoutTheTrustRecordCodexExecSkipsTheHooksSilently() throws IOException {
        Path repo = repository();
        Path payloads = Files.createDirectories(temp.resolve("payloads"));
        server = new ResponsesModelServer(greetingThenTypo(), 10, Duration.ofMinutes(3));
        CodexCli codex = CodexCli.forRepository(repo, server, temp.resolve("home"), Map.of());
        CodexHooksFile hooksFile = new CodexHooksFile(repo);
        hooksFile.install(hooksFile.plan(keeper(payloads), ExistingHooks.KEEP));

        CodexCli.Run run = codex.exec(GREETING);

        assertThat(Files.exists(repo.resolve("greeting.txt"))).isTrue();
        assertThat(kept(payloads)).isEmpty();
        assertThat(run.err()).doesNotContain("hooks codex");
    }

    private Path repository() throws IOException {
        Sandbox workspace = new Sandbox(temp);
        Files.writeString(workspace.repo.resolve("README.md"), "# Helo\n");
        workspace.git.run("add", ".");
        workspace.commit("initial");
        return workspace.repo.toRealPath();
    }

    /**
     * A hook command prefix whose {@code hooks codex <verb>} keeps stdin as {@code <n>-<verb>.json} (n counts the
     * sessions started) and the rollout's line count then as {@code <n>-<verb>.lines}.
     */
    private String keeper(Path payloads) throws IOException {
        Path script = temp.resolve("keep-payload");
        Files.writeString(script, "#!/bin/sh\nverb=\"$3\"\ndir='" + payloads + "'\n"
                + "n=$(ls \"$dir\" | grep -c 'session-start.json$')\n"
                + "[ \"$verb\" = session-start ] && n=$((n + 1))\n"
                + "cat > \"$dir/$n-$verb.json\"\n"
                + "rollout=$(sed -n 's/.*\"transcript_path\":\"\\([^\"]*\\)\".*/\\1/p' \"$dir/$n-$verb.json\")\n"
                + "[ -f \"$rollout\" ] && wc -l < \"$rollout\" > \"$dir/$n-$verb.lines\"\n"
                + "exit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script.toString();
    }

    private static List<String> kept(Path payloads) throws IOException {
        try (Stream<Path> files = Files.list(payloads)) {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".json"))
                    .map(name -> name.substring(0, name.length() - ".json".length())).sorted((a, b) -> order(a)
                            .compareTo(order(b))).toList();
        }
    }

    private static String order(String kept) {
        String verb = kept.substring(kept.indexOf('-') + 1);
        List<String> verbs = List.of("session-start", "user-prompt-submit", "stop", "session-end");
        return kept.substring(0, kept.indexOf('-')) + verbs.indexOf(verb);
    }

    private static long rolloutLinesAt(Path payloads, String verb, int session) throws IOException {
        return Long.parseLong(Files.readString(payloads.resolve(session + "-" + verb + ".lines")).strip());
    }

    private Path firstLines(Path rollout, long lines) throws IOException {
        return Files.write(temp.resolve("part.jsonl"), Files.readAllLines(rollout).subList(0, (int) lines));
    }
}
