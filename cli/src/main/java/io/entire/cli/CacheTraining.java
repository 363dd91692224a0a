package io.entire.cli;

import io.entire.core.Environment;
import io.entire.core.agent.Agents;
import io.entire.core.git.Changes;
import io.entire.core.git.Git;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The workloads the launcher ({@code bin/entire-launcher}) records its start-up caches from: one JVM runs the heavy
 * hooks and the common commands against a scratch repository, so that cache holds the classes all of them load; for the
 * light hooks it only sets up the scratch repository, and the launcher records each hook on its own. Started by the
 * launcher alone, in the background or from install.sh; its environment keeps the user's git configuration out. Once
 * the scratch repository exists, failures are reported on stderr, which the launcher keeps in the cache's log, and
 * never stop the run: whatever loaded is still worth caching.
 */
public final class CacheTraining {
    /** Capture cycles a hook server runs before it listens: enough for the JIT to compile the hooks' hot paths. */
    private static final int WARM_UP_ROUNDS = 5;
    /**
     * Commit attempts a hook server makes after those cycles, with the light hooks alone, as they run most often: the
     * cycles ran each light hook 5-10 times, and with 20 attempts the first prompt served still took twice as long as
     * later ones (docs/launcher.md).
     */
    private static final int WARM_UP_ATTEMPTS = 80;
    private static final String SESSION = "5f1e0c2a-7b3d-4e8f-9a10-b2c3d4e5f601";
    private static final String MISSED_SESSION = "5f1e0c2a-7b3d-4e8f-9a10-b2c3d4e5f602";
    // A small session in Claude Code's format: a prompt holding a token-shaped secret (%2$s, so redaction replaces
    // something), tool calls that write a file three ways and a result, a reply, a line of another type and a
    // malformed line.
    private static final String TRANSCRIPT = """
            {"parentUuid":null,"isSidechain":false,"userType":"external","cwd":"/repo","sessionId":"%1$s",\
            "version":"2.1.33","gitBranch":"main","type":"user","message":{"role":"user",\
            "content":"Add a README that says hello. The token is sk-ant-api03-%2$s"},\
            "uuid":"a0000000-0000-4000-8000-000000000001","timestamp":"2026-02-06T05:12:45.809Z"}
            {"parentUuid":"a0000000-0000-4000-8000-000000000001","isSidechain":false,"userType":"external",\
            "cwd":"/repo","sessionId":"%1$s","version":"2.1.33","gitBranch":"main",\
            "message":{"model":"claude-opus-4-6","id":"msg_training0001","type":"message","role":"assistant",\
            "content":[{"type":"thinking","thinking":"A README it is."},{"type":"tool_use","id":"toolu_training0001",\
            "name":"Write","input":{"file_path":"/repo/README.md","content":"hello\\n"}},{"type":"tool_use",\
            "id":"toolu_training0002","name":"Edit","input":{"file_path":"/repo/README.md","old_string":"hello",\
            "new_string":"hello, world"}},{"type":"tool_use","id":"toolu_training0003","name":"MultiEdit",\
            "input":{"file_path":"/repo/README.md","edits":[{"old_string":"world","new_string":"you"}]}}],\
            "stop_reason":null,\
            "usage":{"input_tokens":3,"cache_creation_input_tokens":2613,"cache_read_input_tokens":120,\
            "output_tokens":9}},"type":"assistant","uuid":"a0000000-0000-4000-8000-000000000002",\
            "timestamp":"2026-02-06T05:12:50.470Z"}
            {"parentUuid":"a0000000-0000-4000-8000-000000000002","isSidechain":false,"userType":"external",\
            "cwd":"/repo","sessionId":"%1$s","version":"2.1.33","gitBranch":"main","type":"user",\
            "message":{"role":"user","content":[{"tool_use_id":"toolu_training0001","type":"tool_result",\
            "content":"File created successfully at: /repo/README.md"}]},\
            "uuid":"a0000000-0000-4000-8000-000000000003","timestamp":"2026-02-06T05:12:50.793Z",\
            "toolUseResult":{"type":"create","filePath":"/repo/README.md","content":"hello\\n"}}
            {"parentUuid":"a0000000-0000-4000-8000-000000000003","isSidechain":false,"userType":"external",\
            "cwd":"/repo","sessionId":"%1$s","version":"2.1.33","gitBranch":"main",\
            "message":{"model":"claude-opus-4-6","id":"msg_training0002","type":"message","role":"assistant",\
            "content":[{"type":"text","text":"Done: README.md says hello."}],"stop_reason":"end_turn",\
            "usage":{"input_tokens":5,"cache_creation_input_tokens":0,"cache_read_input_tokens":2733,\
            "output_tokens":12}},"type":"assistant","uuid":"a0000000-0000-4000-8000-000000000004",\
            "timestamp":"2026-02-06T05:12:52.100Z"}
            {"type":"progress","data":{"type":"hook_progress","hookEvent":"Stop"},\
            "uuid":"a0000000-0000-4000-8000-000000000005","timestamp":"2026-02-06T05:12:52.200Z"}
            not json: counted and skipped
            """;

    private CacheTraining() {
    }

    /** Runs one hook or command of a workload: in this JVM, or through the hook server's socket. */
    @FunctionalInterface
    interface HookRunner {
        /** The invocation's exit code; its output is not wanted. */
        int run(List<String> invocation, byte[] stdin, Environment environment);
    }

    /**
     * {@code CacheTraining full}: records nothing itself; the launcher runs it with the cache recording on, and the
     * cache gets the classes of the hooks and the commands it runs. {@code CacheTraining search}: the same for the
     * search cache, over the checkpoint of one capture cycle. {@code CacheTraining prepare <dir> <hook>}: sets
     * up {@code <dir>} for one hook with a cache of its own (the light hooks, DESIGN.md "Performance", and the two
     * heavy hooks that run at every turn and commit), which the launcher then records in a JVM that runs that hook and
     * nothing else: on JDK 25 every class in an AOT cache is loaded at start-up, and the classes of anything else
     * (this trainer's, the other hooks', the commands') cost a light hook 5-12 ms and a stop hook ~17 ms.
     */
    public static void main(String[] args) throws IOException {
        boolean own = args.length == 1 && (args[0].equals("full") || args[0].equals("search"));
        if (!own && !(args.length == 3 && args[0].equals("prepare"))) {
            throw new IllegalArgumentException(
                    "usage: CacheTraining full | CacheTraining search | CacheTraining prepare <dir> <hook>");
        }
        Environment environment = ProcessEnvironment.read();
        for (String variable : List.of("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR")) {
            // Set when a git hook started the launcher: the scratch repository's commits would land in the user's.
            if (environment.variable(variable).isPresent()) {
                throw new IllegalStateException(variable + " is set: the launcher clears git's repository variables");
            }
        }
        if (!own) {
            Scratch.forHook(Path.of(args[1]), args[2], environment);
            return;
        }
        if (args[0].equals("search")) {
            int indexed = trainSearch(environment);
            if (indexed == 0) {
                throw new IllegalStateException("the search training stored no checkpoint to index: its cache would"
                        + " lack the classes of an index build");
            }
            return;
        }
        Path directory = Files.createTempDirectory("entire-training-");
        try {
            trainFull(Scratch.create(directory, environment));
        } finally {
            deleteTree(directory);
        }
    }

    /**
     * A scratch repository with one commit, a Claude Code transcript of {@link #SESSION} where Claude Code keeps it
     * (under {@code claude/}), a commit message file and, in {@code payload.json}, a UserPromptSubmit payload; the
     * commands run in its {@code environment}: in the repository, with this transcript folder, without a terminal.
     */
    private record Scratch(Path repo, Path claude, Path transcript, String transcriptText, Path message,
            String hookInput, Environment environment) {
        static Scratch create(Path directory, Environment process) throws IOException {
            Path repo = Files.createDirectories(directory.resolve("repo")).toRealPath();
            Path claude = directory.resolve("claude");
            Git git = Git.forEnvironment(repo, process.variables());
            git.run("init", "-q");
            git.run("commit", "-q", "--allow-empty", "-m", "Say hello");
            Path projects = Files.createDirectories(Agents.bySlug("claude-code").transcriptLocator()
                    .sessionDirectory(repo, process.withVariable("CLAUDE_CONFIG_DIR", claude.toString())));
            Path transcript = projects.resolve(SESSION + ".jsonl");
            String transcriptText = TRANSCRIPT.formatted(SESSION, "x".repeat(93) + "AA");
            Files.writeString(transcript, transcriptText);
            Path message = Files.writeString(directory.resolve("COMMIT_EDITMSG"), "Say hello\n");
            String hookInput = "{\"session_id\":\"" + SESSION + "\",\"transcript_path\":\"" + transcript
                    + "\",\"cwd\":\"" + repo + "\",\"hook_event_name\":\"UserPromptSubmit\","
                    + "\"prompt\":\"Add a README\"}";
            Files.writeString(directory.resolve("payload.json"), hookInput);
            Environment environment = process.withWorkingDirectory(repo)
                    .withVariable("CLAUDE_CONFIG_DIR", claude.toString()).withVariable("ENTIRE_NO_TTY", "1")
                    .withVariable(BackgroundPacking.VARIABLE, "off");   // the scratch repository goes right away
            return new Scratch(repo, claude, transcript, transcriptText, message, hookInput, environment);
        }

        /**
         * As {@link #create}, enabled (the setting written directly: enable would install hooks), with a session whose
         * turn is under way and wrote README.md (staged), a linked message for commit-msg ({@code LINKED_EDITMSG}) and
         * a Stop payload ({@code stop.json}), and the owed checkpoint of a commit attempt given up; for commit-msg,
         * prepare-commit-msg ran again (its checkpoint is owed); for stop, the turn wrote transcript lines and changed
         * README.md; for post-commit, that turn's stop ran (a step) and the agent committed, linked.
         */
        static Scratch forHook(Path directory, String hook, Environment process) throws IOException {
            Scratch scratch = create(directory, process);
            Files.createDirectories(scratch.repo.resolve(".entire"));
            Files.writeString(scratch.repo.resolve(".entire/settings.json"), "{\"enabled\": true}\n");
            Files.writeString(scratch.repo.resolve("README.md"), "hello\n");
            Git git = new Git(scratch.repo);
            git.run("add", "README.md");
            Files.writeString(directory.resolve("LINKED_EDITMSG"), "Say hello\n\nEntire-Checkpoint: 0123456789ab\n");
            String stopInput = scratch.hookInput.replace("UserPromptSubmit", "Stop");
            Files.writeString(directory.resolve("stop.json"), stopInput);
            Environment env = scratch.environment();
            run(List.of("hooks", "claude-code", "user-prompt-submit"), scratch.hookInput, env);
            // A commit attempt given up (an empty message, a failing commit-msg hook) left its checkpoint owed, as
            // hooks often find: a class that reads such a mark missing from the cache costs a light hook ~10 ms.
            run(List.of("hooks", "git", "prepare-commit-msg", scratch.message.toString(), "message"), "", env);
            Files.writeString(scratch.message, "Say hello\n");
            if (hook.equals("commit-msg")) {
                // As in a real commit, prepare-commit-msg ran first and left the checkpoint it linked owed.
                run(List.of("hooks", "git", "prepare-commit-msg", scratch.message.toString(), "message"), "", env);
            }
            if (hook.equals("stop") || hook.equals("post-commit")) {
                // The turn writes its lines and changes README.md: the stop records a step and the post-commit
                // condenses it, the work they do at the end of a real turn and commit, rather than finding none.
                Files.writeString(scratch.transcript, scratch.transcriptText, StandardOpenOption.APPEND);
                Files.writeString(scratch.repo.resolve("README.md"), "hello\nhello\n");
            }
            if (hook.equals("post-commit")) {
                run(List.of("hooks", "claude-code", "stop"), stopInput, env);
                git.run("add", "README.md");
                String message = scratch.message.toString();
                run(List.of("hooks", "git", "prepare-commit-msg", message, "message"), "", env);
                git.run("-c", "core.hooksPath=/dev/null", "commit", "-q", "-F", message);
            }
            return scratch;
        }
    }

    /**
     * Runs the hooks of a few capture cycles and of commit attempts through {@code hooks} in a scratch repository,
     * with the user's git configuration kept out (no signing, no hooks of theirs): the hook server sends them through
     * its own socket when it starts, so that the first hooks it serves find their classes loaded and compiled, as later
     * ones do. Failures are reported on stderr (the server's log).
     *
     * @return true when every cycle went all the way: the agent's commit was made and linked to its checkpoint
     */
    static boolean warmUp(Environment server, HookRunner hooks) {
        Environment isolated = server;
        for (Map.Entry<String, String> variable : Map.of("GIT_CONFIG_NOSYSTEM", "1", "GIT_CONFIG_GLOBAL", "/dev/null",
                "GIT_AUTHOR_NAME", "entire", "GIT_AUTHOR_EMAIL", "entire@localhost", "GIT_COMMITTER_NAME", "entire",
                "GIT_COMMITTER_EMAIL", "entire@localhost").entrySet()) {
            isolated = isolated.withVariable(variable.getKey(), variable.getValue());
        }
        try {
            // The server's TMPDIR, as git and a shell would use; the JVM's own default ignores it.
            Path temporary = server.variable("TMPDIR").filter(value -> !value.isBlank()).map(Path::of)
                    .orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir")));
            Path directory = Files.createTempDirectory(temporary, "entire-warm-up-");
            try {
                Scratch scratch = Scratch.create(directory, isolated);
                Files.createDirectories(scratch.repo().resolve(".entire"));
                Files.writeString(scratch.repo().resolve(".entire/settings.json"), "{\"enabled\": true}\n");
                for (int round = 0; round < WARM_UP_ROUNDS; round++) {
                    captureCycle(scratch, round, hooks);
                    run(hooks, List.of("hooks", "git", "post-commit"), "", scratch.environment());
                }
                commitAttempts(scratch, hooks);
                run(hooks, List.of("hooks", "claude-code", "session-end"), scratch.hookInput(),
                        scratch.environment());
                String linked = Git.forEnvironment(scratch.repo(), isolated.variables()).run("log",
                        "--format=%(trailers:key=Entire-Checkpoint,valueonly)").text();
                return linked.lines().filter(line -> !line.isBlank()).count() == WARM_UP_ROUNDS;
            } finally {
                deleteTree(directory);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("warm-up: " + e);
            return false;
        }
    }

    /**
     * A turn that writes the transcript and README.md, then a commit attempt given up after its message was linked
     * (its post-commit finds the checkpoint owed and HEAD without it), then the agent's commit, with the git hooks run
     * through {@code hooks} as the launcher runs them (the repository's hooks would start another JVM), up to its
     * post-commit. Round 0 starts the session; each later one is a turn more of it.
     */
    private static void captureCycle(Scratch scratch, int round, HookRunner hooks) throws IOException {
        Path repo = scratch.repo();
        String hookInput = scratch.hookInput();
        Git git = Git.forEnvironment(repo, scratch.environment().variables());
        Environment env = scratch.environment();
        String message = scratch.message().toString();
        if (round == 0) {
            run(hooks, List.of("hooks", "claude-code", "session-start"), hookInput.replace("UserPromptSubmit",
                    "SessionStart"), env);
            Files.writeString(scratch.transcript(), "");
        }
        run(hooks, List.of("hooks", "claude-code", "user-prompt-submit"), hookInput, env);
        Files.writeString(scratch.transcript(), scratch.transcriptText(), StandardOpenOption.APPEND);
        Files.writeString(repo.resolve("README.md"), "hello\n".repeat(round + 1));
        run(hooks, List.of("hooks", "claude-code", "stop"), hookInput.replace("UserPromptSubmit", "Stop"), env);
        runGit(git, "add", "README.md");
        linkMessage(scratch, git, hooks);
        run(hooks, List.of("hooks", "git", "post-commit"), "", env);   // given up: HEAD lacks the linked checkpoint
        linkMessage(scratch, git, hooks);
        runGit(git, "-c", "core.hooksPath=/dev/null", "commit", "-q", "-F", message);
    }

    /**
     * Prompts, each followed by a commit attempt of a staged change (its message linked) that is given up: the light
     * hooks as they run most often, with nothing else between them.
     */
    private static void commitAttempts(Scratch scratch, HookRunner hooks) throws IOException {
        Git git = Git.forEnvironment(scratch.repo(), scratch.environment().variables());
        Files.writeString(scratch.repo().resolve("README.md"), "hello again\n");
        runGit(git, "add", "README.md");
        for (int attempt = 0; attempt < WARM_UP_ATTEMPTS; attempt++) {
            run(hooks, List.of("hooks", "claude-code", "user-prompt-submit"), scratch.hookInput(),
                    scratch.environment());
            linkMessage(scratch, git, hooks);
            run(hooks, List.of("hooks", "git", "post-commit"), "", scratch.environment());
        }
    }

    /**
     * A fresh commit message through prepare-commit-msg, as the launcher runs it (git's listing of the staged changes
     * and its status on stdin), and commit-msg.
     */
    private static void linkMessage(Scratch scratch, Git git, HookRunner hooks) throws IOException {
        String message = Files.writeString(scratch.message(), "Say hello\n").toString();
        Environment environment = scratch.environment();
        run(hooks, List.of("hooks", "git", "prepare-commit-msg", message, "message"), stagedChanges(git),
                environment.withVariable(LauncherStagedChanges.VARIABLE, "stdin"));
        run(hooks, List.of("hooks", "git", "commit-msg", message), "", environment);
    }

    /** What the launcher pipes into prepare-commit-msg ({@link LauncherStagedChanges}). */
    private static byte[] stagedChanges(Git git) {
        byte[] staged;
        try {
            staged = git.run(Changes.STAGED_ARGUMENTS, null).stdout();
        } catch (RuntimeException e) {
            System.err.println("training: git " + String.join(" ", Changes.STAGED_ARGUMENTS) + " -> " + e);
            return "git-exit:1\n".getBytes(StandardCharsets.UTF_8);   // the hook runs git itself, as it would then
        }
        byte[] status = "git-exit:0\n".getBytes(StandardCharsets.UTF_8);
        byte[] stdin = Arrays.copyOf(staged, staged.length + status.length);
        System.arraycopy(status, 0, stdin, staged.length, status.length);
        return stdin;
    }

    private static void trainFull(Scratch scratch) throws IOException {
        // One capture cycle in an enabled repository (the commit condenses it), then the commands over the checkpoint
        // it made.
        run(List.of("enable", "--force"), "", scratch.environment());
        captureCycle(scratch, 0, CacheTraining::runInProcess);
        String hookInput = scratch.hookInput();
        Environment env = scratch.environment();
        for (List<String> invocation : List.of(
                List.of("hooks", "git", "post-commit"),
                List.of("hooks", "git", "pre-push", "origin"),
                List.of("--version"),
                List.of("--help"))) {
            run(invocation, hookInput, env);
        }
        // What attach is for: a session the hooks missed, of a commit they did not see. It looks for an earlier
        // checkpoint of the session in every store, then links HEAD by rewording it, as run by an agent and by a
        // person (without ENTIRE_NO_TTY, git's prompts may reach the terminal).
        Git git = Git.forEnvironment(scratch.repo(), env.variables());
        Files.writeString(scratch.transcript().resolveSibling(MISSED_SESSION + ".jsonl"),
                TRANSCRIPT.formatted(MISSED_SESSION, "y".repeat(93) + "AA"));
        runGit(git, "-c", "core.hooksPath=/dev/null", "commit", "-q", "--allow-empty", "-m", "Say hello again");
        run(List.of("attach", MISSED_SESSION, "--force"), "", env);
        runGit(git, "-c", "core.hooksPath=/dev/null", "commit", "-q", "--allow-empty", "-m", "Say hello once more");
        run(List.of("attach", SESSION, "--force"), "", env.withoutVariable("ENTIRE_NO_TTY"));
        for (List<String> invocation : List.of(
                List.of("attach", SESSION),
                List.of("checkpoint", "list"),
                List.of("checkpoint", "list", "--json"),
                List.of("status"),
                List.of("explain"),
                List.of("explain", "--json"),
                List.of("explain", "--raw-transcript"),
                List.of("checkpoint", "list", "--help"),
                List.of("explain", "0123456789ab"),    // error paths load classes too
                List.of("no-such-command"))) {
            run(invocation, hookInput, env);
        }
    }

    /**
     * Makes a checkpoint in a scratch repository (a capture cycle up to the agent's commit and its post-commit),
     * builds its search index, then searches it as it stands: in a JVM of its own, the classes of Lucene's indexing
     * and searching, and of reading checkpoints for it, are otherwise read from the jar and verified at every search
     * (without a stored checkpoint, ~480 classes of an index build: 10% of the CPU of a build of 10,000 checkpoints).
     * A cache of its own, as the ~1,300 classes would cost every other command ~11-14 ms of start-up.
     *
     * @return the checkpoints the index was built from, as the v1 branch holds them
     */
    static int trainSearch(Environment environment) throws IOException {
        Path directory = Files.createTempDirectory("entire-training-");
        try {
            Scratch scratch = Scratch.create(directory, environment);
            run(List.of("enable", "--force"), "", scratch.environment());
            captureCycle(scratch, 0, CacheTraining::runInProcess);
            run(List.of("hooks", "git", "post-commit"), "", scratch.environment());
            for (List<String> invocation : List.of(
                    List.of("search", "--reindex", "readme"),
                    List.of("search", "hello", "--json"),
                    List.of("search", "hello", "--agent", "claude-code", "--since", "7d", "--file", "README.md"))) {
                run(invocation, "", scratch.environment());
            }
            return checkpointFolders(Git.forEnvironment(scratch.repo(), scratch.environment().variables()));
        } finally {
            deleteTree(directory);
        }
    }

    /** The checkpoint folders ({@code <id[0:2]>/<id[2:]>}) on the v1 branch; none without the branch. */
    private static int checkpointFolders(Git git) {
        String branch = "refs/heads/entire/checkpoints/v1";
        if (git.run("for-each-ref", "--format=%(refname)", branch).text().isBlank()) {
            return 0;
        }
        return (int) git.run("ls-tree", "-d", "--name-only", branch + ":").text().lines()
                .mapToLong(shard -> git.run("ls-tree", "-d", "--name-only", branch + ":" + shard).text().lines()
                        .count()).sum();
    }

    /** As {@link #run(HookRunner, List, byte[], Environment)}, in this JVM. */
    private static void run(List<String> invocation, String stdin, Environment environment) {
        run(CacheTraining::runInProcess, invocation, stdin, environment);
    }

    private static void run(HookRunner hooks, List<String> invocation, String stdin, Environment environment) {
        run(hooks, invocation, stdin.getBytes(StandardCharsets.UTF_8), environment);
    }

    /**
     * Runs one command through {@code hooks}, with its output discarded; the exit code goes to the log (some steps
     * fail on purpose).
     */
    private static void run(HookRunner hooks, List<String> invocation, byte[] stdin, Environment environment) {
        String command = String.join(" ", invocation);
        try {
            int code = hooks.run(invocation, stdin, environment);
            System.err.println("training: entire " + command + " -> exit " + code);
        } catch (RuntimeException e) {
            System.err.println("training: entire " + command + " -> " + e);
        }
    }

    /** Runs one command as the launcher's JVM does. */
    static int runInProcess(List<String> invocation, byte[] stdin, Environment environment) {
        return Main.runInProcess(invocation.toArray(String[]::new), new ByteArrayInputStream(stdin),
                OutputStream.nullOutputStream(), OutputStream.nullOutputStream(), environment);
    }

    /** A git step of a workload; a failure goes to the log like a command's, and the commands after it still run. */
    private static void runGit(Git git, String... args) {
        try {
            git.run(args);
        } catch (RuntimeException e) {
            System.err.println("training: git " + String.join(" ", args) + " -> " + e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("deleting " + root, e);
        }
    }
}
