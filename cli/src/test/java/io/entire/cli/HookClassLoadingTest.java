package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.Changes;
import io.entire.core.git.Git;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hook path must not load picocli (+80..110 ms per start, DESIGN.md "Decisions"), nor the classes whose first use
 * costs a light hook milliseconds: {@code BigDecimal} (its initializer computes 5^65536 on JDK 25, 10-17 ms),
 * {@code java.time.format} (5 ms), java.util.logging (~4 ms, started by a logger asked for when nothing is logged),
 * stream pipelines (0.5-1 ms on first use, an IntStream as much as the others) and java.time's zone tables (0.6 ms);
 * nor the redactor's regular expressions for prompts without a secret (compiling them cost a hook ~5 ms);
 * nor, in the hooks that lock no session, {@code FileChannel} (~1 ms: it loads two native libraries). Claude Code's
 * session-start and user-prompt-submit and a commit's prepare-commit-msg and commit-msg, run as the launcher starts
 * them, link no lambda, method reference or record method and compile no regular expression (the JDK's use lambdas):
 * on JDK 17 the first such call site costs ~5 ms even with its class in the start-up archive, and each further one a
 * fraction of that. Runs the CLI in a fresh JVM on this test's class path, in an enabled repository so the hooks do
 * their real work, and reads the JVM's class-loading log.
 */
class HookClassLoadingTest {
    private static final String SESSION = "5f1e0c2a-7b3d-4e8f-9a10-b2c3d4e5f601";

    @TempDir
    Path temp;
    Sandbox workspace;

    @BeforeEach
    void setUp() {
        workspace = new Sandbox(temp.resolve("workspace")).commit("Say hello");
        try {
            Files.createDirectories(workspace.repo.resolve(".entire"));
            Files.writeString(workspace.repo.resolve(".entire/settings.json"), "{\"enabled\": true}\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertLight(List<String> loaded) {
        assertThat(loaded).contains("io.entire.cli.HookEntry", "io.entire.core.settings.Settings")
                .noneMatch(name -> name.startsWith("picocli.") || name.startsWith("java.time.format.")
                        || name.equals("java.math.BigDecimal") || name.equals("java.util.logging.LogManager")
                        || name.startsWith("java.util.stream.")
                        || name.equals("java.time.ZoneOffset")
                        || name.startsWith("io.entire.core.redact.") && name.endsWith("$Expressions"))
                .as("the composition root is for hooks that write checkpoints")
                .doesNotContain("io.entire.core.workspace.Workspace");
    }

    /** A light hook that binds no call site at run time (see above); its own classes too are named in the log. */
    private static void assertLightWithoutCallSites(List<String> loaded) {
        assertLight(loaded);
        assertThat(loaded.stream().filter(name -> name.contains("$$Lambda")
                || name.equals("java.lang.runtime.ObjectMethods") || name.startsWith("java.util.regex.Pattern$")))
                .as("classes of call sites bound at run time").isEmpty();
    }

    /** The hooks that take no session lock need no {@code FileChannel}: {@code SmallFiles} reads and writes. */
    private static void assertLightWithoutChannels(List<String> loaded) {
        assertLight(loaded);
        assertThat(loaded).doesNotContain("sun.nio.ch.FileChannelImpl");
    }

    @Test
    void gitHookLoadsNoPicocli() throws Exception {
        Path message = Files.writeString(temp.resolve("COMMIT_EDITMSG"), "Say hello\n");
        // A turn under way and a file staged: prepare-commit-msg reads the staged changes and links the message.
        loadedClasses(promptWithTranscript(), "hooks", "claude-code", "user-prompt-submit");
        Files.writeString(workspace.repo.resolve("main.go"), "package main\n");
        workspace.git.run("add", "main.go");

        // A session whose turn recorded a step (token counts and all), waiting for a commit.
        loadedClasses(withTranscript(Sandbox.SESSION_B, "UserPromptSubmit"), "hooks", "claude-code",
                "user-prompt-submit");
        Files.writeString(workspace.repo.resolve("notes.txt"), "written by the other session\n");
        loadedClasses(withTranscript(Sandbox.SESSION_B, "Stop"), "hooks", "claude-code", "stop");
        assertThat(new LiveCapture(workspace).sessionState(Sandbox.SESSION_B).find("steps").toString())
                .contains("notes.txt");
        // Another session that ended: a listing reads it once, and the next from the resting sessions' cache.
        String ended = workspace.userPromptPayload(SESSION);
        loadedClasses(ended, "hooks", "claude-code", "user-prompt-submit");
        loadedClasses(ended.replace("UserPromptSubmit", "SessionEnd"), "hooks", "claude-code", "session-end");
        ByteArrayOutputStream staged = new ByteArrayOutputStream();   // as the launcher hands them over
        staged.write(workspace.git.run(Changes.STAGED_ARGUMENTS, null).stdout());
        staged.write("git-exit:0\n".getBytes(StandardCharsets.UTF_8));
        loadedClasses(Map.of(LauncherStagedChanges.VARIABLE, "stdin"), staged.toByteArray(), "hooks", "git",
                "prepare-commit-msg", message.toString(), "message");
        assertThat(workspace.repo.resolve(".git/entire-sessions/done-sessions.cache")).content().contains(SESSION);
        Files.writeString(message, "Say hello\n");   // a second attempt at the commit

        assertLightWithoutCallSites(loadedClasses(Map.of(LauncherStagedChanges.VARIABLE, "stdin"),
                staged.toByteArray(), "hooks", "git", "prepare-commit-msg", message.toString(), "message"));
        assertThat(Files.readString(message)).as("the hook did its work").contains("Entire-Checkpoint: ");
        assertThat(new LiveCapture(workspace).sessionState(Sandbox.SESSION_A).findString("pending_checkpoint_id"))
                .as("and its work after the reply").isPresent();
        List<String> commitMessage = loadedClasses("", "hooks", "git", "commit-msg", message.toString());
        assertLightWithoutChannels(commitMessage);
        assertLightWithoutCallSites(commitMessage);
    }

    @Test
    void agentHookLoadsNoPicocli() throws Exception {
        String payload = workspace.userPromptPayload(SESSION);

        assertLight(loadedClasses(payload, "hooks", "claude-code", "user-prompt-submit"));
        assertThat(workspace.repo.resolve(".git/entire-sessions/" + SESSION + ".json"))
                .as("the hook did its work").exists();
        assertLight(loadedClasses(payload, "hooks", "claude-code", "user-prompt-submit"));   // the session exists now
        assertLightWithoutChannels(loadedClasses(payload.replace("UserPromptSubmit", "SessionStart"), "hooks",
                "claude-code", "session-start"));
    }

    @Test
    void aPromptAsTheLauncherStartsItAndASessionStartBindNoCallSite() throws Exception {
        String payload = promptWithTranscript();
        loadedClasses(payload, "hooks", "claude-code", "user-prompt-submit");   // the session exists now
        // As bin/entire stages the work tree for the prompt hook while its JVM starts.
        Path index = workspace.repo.resolve(".git/entire-sessions/launcher-4242.index");
        Files.copy(workspace.repo.resolve(".git/index"), index);
        new Git(workspace.repo, Map.of("GIT_INDEX_FILE", index.toString())).run("add", "--all");

        assertLightWithoutCallSites(loadedClasses(Map.of(LauncherTurnSnapshot.VARIABLE, index.toString()),
                "snapshot-exit:0\n" + payload, "hooks", "claude-code", "user-prompt-submit"));
        assertThat(index).as("the hook took the launcher's staging as the turn's snapshot").doesNotExist();
        assertThat(new LiveCapture(workspace).sessionState(Sandbox.SESSION_A).strings("prompts")).hasSize(2);
        assertLightWithoutCallSites(loadedClasses(payload.replace("UserPromptSubmit", "SessionStart"), "hooks",
                "claude-code", "session-start"));
    }

    @Test
    void aRepositoryWithEveryStrategyOptionSetBindsNoCallSiteEither() throws Exception {
        Files.writeString(workspace.repo.resolve(".entire/settings.json"), "{\"enabled\": true, \"strategy_options\": "
                + "{\"checkpoint_store\": \"refs-v1\", \"push_sessions\": false, \"checkpoint_remote\": "
                + "{\"provider\": \"github\", \"repo\": \"acme/checkpoints\"}}}\n");
        String payload = workspace.userPromptPayload(SESSION);

        assertLightWithoutCallSites(loadedClasses(payload.replace("UserPromptSubmit", "SessionStart"), "hooks",
                "claude-code", "session-start"));
        assertThat(workspace.repo.resolve(".entire/logs/entire.log")).as("nothing logged: the settings were read")
                .doesNotExist();
    }

    /** A prompt of a real session some turns in, its transcript where Claude Code keeps it. */
    private String promptWithTranscript() {
        return withTranscript(Sandbox.SESSION_A, "UserPromptSubmit");
    }

    /** Claude Code's payload of {@code event} for a real session, its transcript where Claude Code keeps it. */
    private String withTranscript(String session, String event) {
        Path transcript = workspace.fixtureTranscript(session);
        return "{\"session_id\":\"" + session + "\",\"transcript_path\":\"" + transcript + "\",\"cwd\":\""
                + workspace.repo + "\",\"hook_event_name\":\"" + event + "\",\"prompt\":\"Say hello\"}";
    }

    @Test
    void codexHookLoadsNoPicocli() throws Exception {
        String payload = "{\"session_id\":\"" + SESSION + "\",\"turn_id\":\"turn-1\",\"cwd\":\"" + workspace.repo
                + "\",\"hook_event_name\":\"UserPromptSubmit\",\"model\":\"gpt-5.1-codex\",\"prompt\":\"Say hello\"}";

        assertLight(loadedClasses(payload, "hooks", "codex", "user-prompt-submit"));
        assertThat(workspace.repo.resolve(".git/entire-sessions/" + SESSION + ".json"))
                .as("the hook did its work").exists();
        assertLightWithoutChannels(loadedClasses(payload.replace("UserPromptSubmit", "SessionStart"), "hooks",
                "codex", "session-start"));
    }

    @Test
    void geminiHooksLoadNoPicocliReadingARealChat() throws Exception {
        Path home = temp.resolve("home");
        Path chat = Files.createDirectories(home.resolve(".gemini/tmp/repo/chats"))
                .resolve("session-2026-12-04T21-21-179019dc.jsonl");
        Files.copy(Sandbox.FIXTURES.resolve("agents/gemini/chats").resolve(chat.getFileName()), chat);
        String payload = "{\"session_id\":\"179019dc-a79b-40a7-965d-af9f402bfeb6\",\"transcript_path\":\"" + chat
                + "\",\"cwd\":\"" + workspace.repo + "\",\"hook_event_name\":\"BeforeAgent\","
                + "\"prompt\":\"Say hello\"}";
        Map<String, String> environment = Map.of("HOME", home.toString());

        assertLight(loadedClasses(environment, payload, "hooks", "gemini", "before-agent"));
        assertThat(new LiveCapture(workspace).sessionState("179019dc-a79b-40a7-965d-af9f402bfeb6")
                .findString("transcript_path"))
                .as("the hook did its work").contains(chat.toRealPath().toString());
        assertLightWithoutChannels(loadedClasses(environment, payload.replace("BeforeAgent", "SessionStart"),
                "hooks", "gemini", "session-start"));
    }

    @Test
    void copilotHooksLoadNoPicocli() throws Exception {
        String payload = "{\"sessionId\":\"" + SESSION + "\",\"timestamp\":1796430899859,\"cwd\":\"" + workspace.repo
                + "\",\"prompt\":\"Say hello\"}";

        assertLight(loadedClasses(payload, "hooks", "copilot-cli", "user-prompt-submitted"));
        assertThat(workspace.repo.resolve(".git/entire-sessions/" + SESSION + ".json"))
                .as("the hook did its work").exists();
        assertLightWithoutChannels(loadedClasses(payload, "hooks", "copilot-cli", "session-start"));
    }

    @Test
    void anyOtherCommandLoadsPicocliSoTheChecksAboveCanFail() throws Exception {
        assertThat(loadedClasses("", "checkpoint", "list", "--help")).anyMatch(name -> name.startsWith("picocli."));
    }

    /** The classes a fresh JVM loads running {@code entire <args>} with {@code stdin} as its input. */
    private List<String> loadedClasses(String stdin, String... args) throws IOException, InterruptedException {
        return loadedClasses(Map.of(), stdin, args);
    }

    /** As {@link #loadedClasses(String, String...)}, with {@code environment} added to this JVM's. */
    private List<String> loadedClasses(Map<String, String> environment, String stdin, String... args)
            throws IOException, InterruptedException {
        return loadedClasses(environment, stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    private List<String> loadedClasses(Map<String, String> environment, byte[] stdin, String... args)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile(temp, "class-load", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xlog:class+load=info:file=" + log,
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workspace.repo.toFile())
                .redirectOutput(Redirect.DISCARD).redirectError(Redirect.DISCARD);
        builder.environment().putAll(workspace.env());   // where the sandbox's Claude Code keeps transcripts
        builder.environment().putAll(environment);
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin);   // an agent hook reads its JSON until EOF
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("entire %s finished", String.join(" ", args)).isTrue();

        List<String> classes = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            // [0.012s][info][class,load] java.lang.Object source: shared objects file
            int start = line.indexOf("] ", line.indexOf("[class,load]"));
            int end = line.indexOf(' ', start + 2);
            if (line.contains("[class,load]") && start >= 0 && end > start) {
                classes.add(line.substring(start + 2, end));
            }
        }
        return classes;
    }
}
