package io.entire.core.recover;

import static java.util.Objects.requireNonNull;

import io.entire.core.Environment;
import io.entire.core.agent.claudecode.ClaudeTranscriptLocator;
import io.entire.core.id.SessionId;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Claude Code: transcripts in {@code <config dir>/projects/<sanitized work tree>/<id>.jsonl}, resumed with
 * {@code claude -r <id>}; each transcript line carries the {@code cwd} it was written in.
 */
public final class ClaudeCodeTranscripts implements AgentTranscripts {
    /** A transcript's first lines may be summaries or snapshots without a cwd; a real one has it within a few. */
    private static final int LINES_SEARCHED_FOR_CWD = 200;

    private final Environment environment;

    /** @param environment the run's environment, for {@code CLAUDE_CONFIG_DIR} and the home */
    public ClaudeCodeTranscripts(Environment environment) {
        this.environment = requireNonNull(environment, "environment is null");
    }

    @Override
    public Path transcriptFile(Path workTree, SessionId session) {
        requireNonNull(workTree, "workTree is null");
        requireNonNull(session, "session is null");
        Path root;
        try {
            // Claude Code names the folder after the path it runs in, resolved.
            root = workTree.toRealPath();
        } catch (IOException notResolvable) {
            root = workTree.toAbsolutePath().normalize();
        }
        return ClaudeTranscriptLocator.configDirectory(environment).resolve("projects")
                .resolve(ClaudeTranscriptLocator.sanitize(root)).resolve(session.value() + ".jsonl");
    }

    @Override
    public String resumeCommand(SessionId session) {
        return "claude -r " + session.value();
    }

    @Override
    public Optional<Path> recordedWorkTree(Path transcript) {
        JsonReader json = new JsonReader();
        try (BufferedReader lines = Files.newBufferedReader(transcript, StandardCharsets.UTF_8)) {
            String line;
            for (int read = 0; read < LINES_SEARCHED_FOR_CWD && (line = lines.readLine()) != null; read++) {
                Optional<String> cwd = cwdOf(json, line);
                if (cwd.isPresent()) {
                    return cwd.map(Path::of);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("reading transcript " + transcript, e);
        }
    }

    private static Optional<String> cwdOf(JsonReader json, String line) {
        if (!line.contains("\"cwd\"")) {
            return Optional.empty();
        }
        try {
            JsonObject object = json.parseObject(line.getBytes(StandardCharsets.UTF_8));
            return object.findString("cwd").filter(cwd -> cwd.startsWith("/"));
        } catch (RuntimeException malformed) {
            return Optional.empty();   // a broken line says nothing; the next one may
        }
    }

    @Override
    public boolean mayWrite(Path transcript) {
        return transcript.getFileName().toString().endsWith(".jsonl")
                && new ClaudeTranscriptLocator().accept(transcript, environment).transcript().isPresent();
    }

    @Override
    public boolean ownsPath(String path) {
        return path.equals(".claude") || path.startsWith(".claude/");
    }
}
