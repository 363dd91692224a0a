package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.agent.claudecode.ClaudeTranscriptLocator;
import io.entire.core.git.Git;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A sandbox for CLI tests: a real repository plus a Claude config directory holding transcripts. */
final class Sandbox {
    static final Path FIXTURES = locateFixtures();
    static final String SESSION_A = "75c838dd-10e3-40cf-8df3-17f9955149f8";
    static final String SESSION_B = "9d440bfc-a64f-43be-aa10-10a3764a59ea";

    final Path repo;
    final Path claudeConfig;
    final Git git;

    Sandbox(Path temp) {
        this(temp.resolve("repo"), temp.resolve("claude"), true);
    }

    private Sandbox(Path repo, Path claudeConfig, boolean create) {
        this.repo = repo;
        this.claudeConfig = claudeConfig;
        if (create) {
            try {
                Files.createDirectories(repo);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        this.git = new Git(repo);
        if (create) {
            git.run("init", "-q", "-b", "main");
        }
        git.run("config", "user.name", "Test User");
        git.run("config", "user.email", "test@example.com");
        git.run("config", "commit.gpgsign", "false");
    }

    /** A workspace whose repository has one commit, of a README.md. */
    static Sandbox withReadme(Path temp) {
        Sandbox workspace = new Sandbox(temp);
        try {
            Files.writeString(workspace.repo.resolve("README.md"), "readme\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        workspace.git.run("add", ".");
        return workspace.commit("initial");
    }

    /** A workspace over a repository that exists already (a clone), sharing a Claude config directory. */
    static Sandbox existing(Path repo, Path claudeConfig) {
        return new Sandbox(repo, claudeConfig, false);
    }

    Sandbox commit(String message) {
        git.run("commit", "-q", "--allow-empty", "-m", message);
        return this;
    }

    /** Puts a transcript where Claude Code keeps it for this repository. */
    Path transcript(String sessionId, String content) {
        try {
            Path folder = claudeConfig.resolve("projects").resolve(ClaudeTranscriptLocator.sanitize(repo.toRealPath()));
            Files.createDirectories(folder);
            return Files.writeString(folder.resolve(sessionId + ".jsonl"), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path fixtureTranscript(String sessionId) {
        try {
            return transcript(sessionId,
                    Files.readString(FIXTURES.resolve("claude-code").resolve(sessionId + ".jsonl")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The payload of Claude Code's UserPromptSubmit for a session in this repository, without a transcript: the hook
     * starts a turn of that session.
     */
    String userPromptPayload(String sessionId) {
        return "{\"session_id\":\"" + sessionId + "\",\"hook_event_name\":\"UserPromptSubmit\",\"cwd\":\"" + repo
                + "\",\"prompt\":\"Say hello\"}";
    }

    Map<String, String> env() {
        return Map.of("CLAUDE_CONFIG_DIR", claudeConfig.toString(), "HOME", claudeConfig.getParent().toString());
    }

    CliRun run(String... args) {
        return CliRun.run(repo, env(), args);
    }

    /** The text of the work-tree file at {@code path}. */
    String readFile(String path) {
        try {
            return Files.readString(repo.resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the work-tree file at {@code path}, with its folders. */
    void writeFile(String path, String content) {
        try {
            Path file = repo.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void deleteFile(String path) {
        try {
            Files.delete(repo.resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String head() {
        return git.run("rev-parse", "HEAD").text();
    }

    String headMessage() {
        return git.run("log", "-1", "--format=%B").text();
    }

    String checkpointTip() {
        return git.tryRun(java.util.List.of("rev-parse", "--verify", "-q", "entire/checkpoints/v1"), null).text();
    }

    private static Path locateFixtures() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("testdata");
            if (Files.isRegularFile(candidate.resolve("upstream-v1-sample.bundle"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("testdata/ not found");
    }

    /**
     * Runs the CLI in a JVM of its own on a real pseudo-terminal ({@code script}) in this repository, typing
     * {@code answer} to whatever it asks; returns what the terminal showed, after checking it exited 0.
     */
    String onTerminal(String answer, String... args) throws IOException, InterruptedException {
        return onTerminal(Map.of(), answer, args);
    }

    /** As {@link #onTerminal(String, String...)}, with {@code variables} added to the environment. */
    String onTerminal(Map<String, String> variables, String answer, String... args)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "'" + java + "' -cp '" + System.getProperty("java.class.path") + "' " + Main.class.getName()
                + " " + String.join(" ", args);
        ProcessBuilder builder = new ProcessBuilder("script", "-qec", command, "/dev/null")
                .directory(repo.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeAll(List.of("CI", "CLAUDECODE", "ENTIRE_NO_TTY"));
        builder.environment().putAll(env());
        builder.environment().putAll(variables);
        Process process = builder.start();
        try (var stdin = process.getOutputStream()) {
            stdin.write((answer + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String shown = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(shown).isZero();
        return shown;
    }
}
