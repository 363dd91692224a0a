package io.entire.cli;

import static io.entire.cli.ModelReply.calls;
import static io.entire.cli.ModelReply.input;
import static io.entire.cli.ModelReply.say;
import static io.entire.cli.ModelReply.tool;
import static io.entire.cli.ModelReply.usage;
import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.Git;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code entire resume} proven with each agent's real client: in a first clone the client runs a turn that writes a
 * file, the person commits, and the checkpoint goes to a bare remote over file://; a second clone, with a home of its
 * own (the client there has never seen the session), runs {@code entire resume main}, then the resume command entire
 * printed (its non-interactive form), and the scripted model must receive the first prompt with the new one, from a
 * client working in the second clone.
 */
class SecondCloneResumeEndToEndTest {
    private static final String FIRST = "Add a greeting file";
    private static final String SECOND = "Which file did you add before";
    private static final ModelReply ANSWER = say("The greeting file.", usage(120, 0, 0, 6));
    private static final int REQUEST_LIMIT = 20;
    private static final Duration LIFETIME = Duration.ofMinutes(3);

    @TempDir
    Path temp;

    private final List<AutoCloseable> servers = new ArrayList<>();

    @AfterEach
    void stopServers() throws Exception {
        for (AutoCloseable server : servers) {
            server.close();
        }
    }

    @Test
    void claudeCodeContinuesTheSessionInASecondClone() throws IOException {
        Sandbox alice = firstClone();
        ScriptedModelServer server = serve(new ScriptedModelServer(ModelScript.of(FIRST, List.of(
                calls(usage(10, 100, 0, 20), tool("Write", input("file_path", alice.repo.resolve("greeting.txt")
                        .toString(), "content", "Hello\n"))),
                say("Added greeting.txt.", usage(11, 10, 100, 5))), SECOND, List.of(ANSWER)), REQUEST_LIMIT,
                LIFETIME));
        LiveCapture live = new LiveCapture(alice);
        live.enable();
        String sessionId = ClaudeCode.forRepository(alice.repo, server, alice.claudeConfig, home(alice))
                .print(FIRST).sessionId();
        commitAndPush(live, server.log());
        Sandbox bob = secondClone();
        ClaudeCode claude = ClaudeCode.forRepository(bob.repo, server, bob.claudeConfig, home(bob));

        resume(bob, "claude -r " + sessionId);
        claude.resume(sessionId, SECOND);

        assertContinuedHere(bob, server.requestsOf(SECOND), server.problems(), server.log());
        // Claude Code resumes with the system prompt its transcript keeps (prompt_snapshot), which names the memory
        // folder: this clone's, or the agent would keep its memories where the first machine had them.
        assertThat(server.requestsOf(SECOND)).allSatisfy(request -> assertThat(request)
                .doesNotContain(alice.claudeConfig.toString())
                .contains(bob.claudeConfig.resolve("projects").toString() + "/"));
    }

    @Test
    void codexContinuesTheSessionInASecondClone() throws IOException {
        Sandbox alice = firstClone();
        ResponsesModelServer server = serve(new ResponsesModelServer(ModelScript.of(FIRST, List.of(
                calls(usage(200, 0, 1000, 40), tool("exec_command", input("cmd",
                        CodexCli.applyPatch("*** Add File: greeting.txt", "+Hello")))),
                say("Added greeting.txt.", usage(100, 0, 1200, 8))), SECOND, List.of(ANSWER)), REQUEST_LIMIT,
                LIFETIME));
        // Codex's home is HOME/.codex, the one enable records its hook trust in.
        CodexCli aliceCodex = CodexCli.forRepository(alice.repo, server, home(alice), Map.of());
        LiveCapture live = new LiveCapture(alice);
        live.enable("--agent", "codex");
        String sessionId = aliceCodex.exec(FIRST).sessionId();
        commitAndPush(live, server.log());
        Sandbox bob = secondClone();
        CodexCli codex = CodexCli.forRepository(bob.repo, server, home(bob), Map.of());

        resume(bob, "codex resume " + sessionId);
        codex.resume(sessionId, SECOND);

        assertContinuedHere(bob, server.requestsOf(SECOND), server.problems(), server.log());
    }

    @Test
    void geminiCliContinuesTheSessionInASecondClone() throws IOException {
        Sandbox alice = firstClone();
        ScriptedGeminiServer server = serve(new ScriptedGeminiServer(ModelScript.of(FIRST, List.of(
                calls(usage(100, 0, 0, 20), tool("write_file", input("file_path", alice.repo.toRealPath()
                        .resolve("greeting.txt").toString(), "content", "Hello\n"))),
                say("Added greeting.txt.", usage(130, 0, 0, 5))), SECOND, List.of(ANSWER)), REQUEST_LIMIT,
                LIFETIME));
        LiveCapture live = new LiveCapture(alice);
        live.enable("--agent", "gemini");
        String sessionId = GeminiCli.forRepository(alice.repo, server, home(alice)).print(FIRST).sessionId();
        commitAndPush(live, server.log());
        Sandbox bob = secondClone();
        GeminiCli gemini = GeminiCli.forRepository(bob.repo, server, home(bob));

        resume(bob, "gemini --resume " + sessionId);
        gemini.resume(sessionId, SECOND);

        assertContinuedHere(bob, server.requestsOf(SECOND), server.problems(), server.log());
    }

    @Test
    void copilotCliContinuesTheSessionInASecondClone() throws IOException {
        Sandbox alice = firstClone();
        ResponsesModelServer server = serve(new ResponsesModelServer(ModelScript.of(FIRST, List.of(
                calls(usage(100, 0, 1100, 30), tool("create", input("path", alice.repo.toRealPath()
                        .resolve("greeting.txt").toString(), "file_text", "Hello\n"))),
                say("Added greeting.txt.", usage(200, 0, 1100, 18))), SECOND, List.of(ANSWER)), REQUEST_LIMIT,
                LIFETIME));
        CopilotCli aliceCopilot = CopilotCli.forRepository(alice.repo, server, home(alice));
        LiveCapture live = new LiveCapture(alice);
        live.enable("--agent", "copilot");
        String sessionId = aliceCopilot.print(FIRST).sessionId();
        commitAndPush(live, server.log());
        Sandbox bob = secondClone();
        CopilotCli copilot = CopilotCli.forRepository(bob.repo, server, home(bob));

        resume(bob, "copilot --resume=" + sessionId);
        copilot.resume(sessionId, SECOND);

        assertContinuedHere(bob, server.requestsOf(SECOND), server.problems(), server.log());
    }

    @Test
    void openCodeImportsAndContinuesTheSessionInASecondClone() throws IOException {
        Sandbox alice = firstClone();
        ChatCompletionsModelServer server = serve(new ChatCompletionsModelServer(ModelScript.of(FIRST, List.of(
                calls(usage(300, 0, 1200, 40), tool("write", input("filePath", alice.repo.toRealPath()
                        .resolve("greeting.txt").toString(), "content", "Hello\n"))),
                say("Added greeting.txt.", usage(320, 0, 1400, 8))), SECOND, List.of(ANSWER)), REQUEST_LIMIT,
                LIFETIME));
        LiveCapture live = new LiveCapture(alice);
        live.enable("--agent", "opencode");
        String sessionId = OpenCodeCli.forRepository(alice.repo, server, home(alice)).run(FIRST).sessionId();
        commitAndPush(live, server.log());
        Sandbox bob = secondClone();
        OpenCodeCli openCode = OpenCodeCli.forRepository(bob.repo, server, home(bob));

        Path restored = bob.repo.resolve(".entire/tmp/" + sessionId + ".json");
        CliRun resume = resume(bob, "opencode import " + restored);
        assertThat(resume.out()).contains("opencode --session " + sessionId);
        openCode.importSession(restored);
        openCode.resume(sessionId, SECOND);

        assertContinuedHere(bob, server.requestsOf(SECOND), server.problems(), server.log());
    }

    private <T extends AutoCloseable> T serve(T server) {
        servers.add(server);
        return server;
    }

    /** The first clone, with one commit on main pushed to a new bare remote, and its remote named origin. */
    private Sandbox firstClone() throws IOException {
        Path remote = temp.resolve("remote.git");
        new Git(temp).run("init", "-q", "--bare", "-b", "main", remote.toString());
        Sandbox alice = new Sandbox(temp.resolve("alice"));
        alice.git.run("remote", "add", "origin", remote.toUri().toString());
        Files.writeString(alice.repo.resolve("README.md"), "# Hello\n");
        alice.git.run("add", "README.md");
        alice.commit("initial");
        alice.git.run("push", "-q", "origin", "main");
        return alice;
    }

    /** The person commits what the agent wrote, and pushes the branch and the checkpoint. */
    private static void commitAndPush(LiveCapture live, String modelLog) {
        live.userGit.run("add", "greeting.txt");
        live.userGit.run("commit", "-q", "-m", "Greeting");
        assertThat(live.headCheckpoint()).as("the commit is linked; model requests:\n" + modelLog).isPresent();
        live.userGit.run("push", "-q", "origin", "main");
        CliRun push = live.run("checkpoint", "push");
        assertThat(push.exitCode()).as(push.err()).isZero();
    }

    /**
     * A clone at another path, under another folder name (agents that name a project after its folder must not find
     * the first clone's), with a home of its own: another machine, whose agents never saw the session.
     */
    private Sandbox secondClone() throws IOException {
        Path bob = Files.createDirectories(temp.resolve("bob"));
        Path checkout = bob.resolve("checkout");
        new Git(temp).run("clone", "-q", temp.resolve("remote.git").toUri().toString(), checkout.toString());
        return Sandbox.existing(checkout, bob.resolve("claude"));
    }

    private static Path home(Sandbox workspace) {
        return Path.of(workspace.env().get("HOME"));
    }

    private static CliRun resume(Sandbox clone, String printedCommand) {
        CliRun run = clone.run("resume", "main");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(printedCommand);
        return run;
    }

    /**
     * The resumed turn's requests carry the first turn's prompt (the earlier conversation) and the second clone's
     * path (the client works there, not where the session was recorded).
     */
    private static void assertContinuedHere(Sandbox clone, List<String> requests, List<String> problems, String log)
            throws IOException {
        String checkout = clone.repo.toRealPath().toString();
        assertThat(problems).as(log).isEmpty();
        assertThat(requests).as("the resumed turn's requests; all requests:\n" + log).isNotEmpty()
                .allSatisfy(request -> assertThat(request).contains(FIRST, checkout));
    }
}
