package io.entire.cli;

import io.entire.core.git.Git;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Records steps on a shadow branch exactly as the Go tool's stop hook does (cmd/entire/cli/checkpoint/temporary.go
 * {@code WriteTemporary}, hooks_claudecode_handlers.go, trailers.go {@code FormatShadowCommit}), with git plumbing:
 * <ul>
 * <li>the branch {@code entire/<base[0:7]>-<sha256("")[0:6]>} of the main work tree; its first step is a commit
 *     without a parent whose tree is HEAD's plus every file {@code git status} lists (untracked ones included), each
 *     later step the tip's tree plus the turn's files;</li>
 * <li>the session's folder {@code .entire/metadata/<session-id>/} as the Go tool keeps it on disk and copies it whole
 *     into every step: {@code full.jsonl} (the transcript so far), {@code prompt.txt} (the turn's prompts),
 *     {@code summary.txt} (the last answer), {@code context.md};</li>
 * <li>the message: the subject (the turn's last prompt as the Go tool cleans it), a blank line, then
 *     {@code Entire-Metadata}, {@code Entire-Session} and {@code Entire-Strategy}.</li>
 * </ul>
 */
final class GoShadowSteps {
    private final Sandbox workspace;
    private final String sessionId;
    private final String base;
    private final Git scratch;

    GoShadowSteps(Sandbox workspace, String sessionId, Path scratchIndex) {
        this.workspace = workspace;
        this.sessionId = sessionId;
        this.base = workspace.head().strip();
        this.scratch = workspace.git.withVariables(Map.of("GIT_INDEX_FILE", scratchIndex.toString()));
    }

    String branch() {
        return "refs/heads/entire/" + base.substring(0, 7) + "-e3b0c4";
    }

    String metadataFolder() {
        return ".entire/metadata/" + sessionId;
    }

    /**
     * Records a step whose turn wrote {@code files} (deleted ones are gone from the work tree), asked by
     * {@code prompt} and answered by {@code summary}; the transcript is read from {@code transcript} now. Returns the
     * step's commit.
     */
    String step(String subject, String prompt, String summary, Path transcript, List<String> files) {
        String tip = workspace.git.tryRun(List.of("rev-parse", "--verify", "-q", branch()), null).text().strip();
        Set<String> paths = new LinkedHashSet<>(files);
        if (tip.isEmpty()) {
            scratch.run("read-tree", base);
            paths.addAll(statusPaths());
        } else {
            scratch.run("read-tree", tip);
        }
        for (String path : paths) {
            Path file = workspace.repo.resolve(path);
            if (Files.isRegularFile(file)) {
                String blob = workspace.git.run("hash-object", "-w", "--", file.toString()).text().strip();
                String mode = Files.isExecutable(file) ? "100755" : "100644";
                scratch.run("update-index", "--add", "--cacheinfo", mode + "," + blob + "," + path);
            } else {
                scratch.run("update-index", "--force-remove", "--", path);
            }
        }
        Path folder = workspace.repo.resolve(metadataFolder());
        try {
            Files.createDirectories(folder);
            Files.copy(transcript, folder.resolve("full.jsonl"), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(folder.resolve("prompt.txt"), prompt);
            Files.writeString(folder.resolve("summary.txt"), summary);
            Files.writeString(folder.resolve("context.md"), "# Session Context\n\nSession ID: " + sessionId
                    + "\nCommit Message: " + subject + "\n\n## Prompts\n\n### Prompt 1\n\n" + prompt
                    + "\n\n## Summary\n\n" + summary + "\n");
            try (Stream<Path> names = Files.list(folder)) {
                for (Path file : names.sorted().toList()) {
                    String blob = workspace.git.run("hash-object", "-w", "--", file.toString()).text().strip();
                    scratch.run("update-index", "--add", "--cacheinfo", "100644," + blob + "," + metadataFolder()
                            + "/" + file.getFileName());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String tree = scratch.run("write-tree").text().strip();
        List<String> commitTree = new ArrayList<>(List.of("commit-tree", tree));
        if (!tip.isEmpty()) {
            commitTree.addAll(List.of("-p", tip));
        }
        String message = subject + "\n\nEntire-Metadata: " + metadataFolder() + "\nEntire-Session: " + sessionId
                + "\nEntire-Strategy: manual-commit\n";
        String commit = workspace.git.run(commitTree, message.getBytes(StandardCharsets.UTF_8)).text().strip();
        workspace.git.run("update-ref", branch(), commit);
        return commit;
    }

    /**
     * Records a subagent's task as the Go tool's PostToolUse[Task] hook does (checkpoint/temporary.go
     * {@code WriteTemporaryTask}, trailers.go {@code FormatShadowTaskCommit}) on a branch that has a step already: the
     * tip's tree plus {@code files}, the transcript read now into the session's folder as {@code full.jsonl} cut into
     * chunks ({@code full.jsonl.001}, ...) at line ends as agent/chunking.go {@code ChunkJSONL} cuts them (the Go tool
     * cuts at 50 MiB; {@code chunkLimit} lets a small transcript span chunks), and
     * {@code tasks/<tool use id>/checkpoint.json} naming the transcript line of the task's result. The message names
     * the task's folder in {@code Entire-Metadata-Task}. Returns the commit.
     */
    String taskStep(String subject, String toolUseId, String checkpointUuid, Path transcript, List<String> files,
            int chunkLimit) {
        try {
            List<String> chunks = chunks(Files.readString(transcript), chunkLimit);
            Map<String, String> metadata = new LinkedHashMap<>();
            for (int index = 0; index < chunks.size(); index++) {
                metadata.put(metadataFolder() + "/full.jsonl" + (index == 0 ? "" : ".%03d".formatted(index)),
                        chunks.get(index));
            }
            metadata.put(taskFolder(toolUseId) + "/checkpoint.json", """
                    {
                      "session_id": "%s",
                      "tool_use_id": "%s",
                      "checkpoint_uuid": "%s",
                      "agent_id": "a1b2c3"
                    }""".formatted(sessionId, toolUseId, checkpointUuid));
            return taskCommit(subject, toolUseId, files, metadata);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Records a step inside a running subagent as the Go tool's PostToolUse[TodoWrite] hook does: the tip's tree plus
     * {@code files} and only {@code tasks/<tool use id>/checkpoints/<nnn>-<tool use id>.json}; the session's
     * {@code full.jsonl} stays the one an earlier step wrote. Returns the commit.
     */
    String incrementalTaskStep(String subject, String toolUseId, int sequence, List<String> files) {
        String name = "%03d-%s.json".formatted(sequence, toolUseId);
        return taskCommit(subject, toolUseId, files, Map.of(taskFolder(toolUseId) + "/checkpoints/" + name,
                "{\n  \"type\": \"TodoWrite\",\n  \"tool_use_id\": \"" + toolUseId + "\",\n  \"data\": {}\n}\n"));
    }

    private String taskFolder(String toolUseId) {
        return metadataFolder() + "/tasks/" + toolUseId;
    }

    private String taskCommit(String subject, String toolUseId, List<String> files, Map<String, String> metadata) {
        String tip = workspace.git.run("rev-parse", "--verify", branch()).text().strip();
        scratch.run("read-tree", tip);
        for (String path : files) {
            Path file = workspace.repo.resolve(path);
            if (Files.isRegularFile(file)) {
                String blob = workspace.git.run("hash-object", "-w", "--", file.toString()).text().strip();
                scratch.run("update-index", "--add", "--cacheinfo", "100644," + blob + "," + path);
            } else {
                scratch.run("update-index", "--force-remove", "--", path);
            }
        }
        metadata.forEach((path, content) -> {
            String blob = workspace.git.run(List.of("hash-object", "-w", "--stdin"),
                    content.getBytes(StandardCharsets.UTF_8)).text().strip();
            scratch.run("update-index", "--add", "--cacheinfo", "100644," + blob + "," + path);
        });
        String tree = scratch.run("write-tree").text().strip();
        String message = subject + "\n\nEntire-Metadata-Task: " + taskFolder(toolUseId) + "\nEntire-Session: "
                + sessionId + "\nEntire-Strategy: manual-commit\n";
        String commit = workspace.git.run(List.of("commit-tree", tree, "-p", tip),
                message.getBytes(StandardCharsets.UTF_8)).text().strip();
        workspace.git.run("update-ref", branch(), commit);
        return commit;
    }

    /** The chunks agent/chunking.go {@code ChunkJSONL} makes of {@code content} with a limit of {@code limit} bytes. */
    private static List<String> chunks(String content, int limit) {
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : content.split("\n", -1)) {
            String withNewline = line + "\n";
            if (current.length() + withNewline.length() > limit && current.length() > 0) {
                chunks.add(current.substring(0, current.length() - 1));
                current.setLength(0);
            }
            current.append(withNewline);
        }
        if (current.length() > 0) {
            chunks.add(current.substring(0, current.length() - 1));
        }
        return chunks;
    }

    /** What the Go tool's first step takes: every changed and untracked file {@code git status} names. */
    private List<String> statusPaths() {
        List<String> paths = new ArrayList<>();
        String[] entries = workspace.git.run("status", "--porcelain", "-z", "-uall").text().split("\0");
        for (String entry : entries) {
            if (entry.length() > 3 && !entry.substring(3).startsWith(".entire/")) {
                paths.add(entry.substring(3));
            }
        }
        return paths;
    }

    /**
     * The session's state file as the Go tool writes it after {@code steps} steps (session/state.go field names and
     * types only).
     */
    void writeState(Path transcript, List<String> untrackedAtStart, int steps, List<String> filesTouched) {
        Path states = workspace.repo.resolve(".git/entire-sessions");
        try {
            Files.createDirectories(states);
            Files.writeString(states.resolve(sessionId + ".json"), """
                    {
                      "session_id": "%s",
                      "cli_version": "0.4.2",
                      "base_commit": "%s",
                      "attribution_base_commit": "%s",
                      "worktree_path": "%s",
                      "started_at": "2026-02-06T06:12:45.809123456+01:00",
                      "phase": "idle",
                      "turn_id": "0f1e2d3c",
                      "last_interaction_time": "2026-02-06T05:20:00.5Z",
                      "checkpoint_count": %d,
                      "untracked_files_at_start": %s,
                      "files_touched": %s,
                      "agent_type": "Claude Code",
                      "transcript_path": "%s",
                      "first_prompt": "Write a lexer"
                    }
                    """.formatted(sessionId, base, base, workspace.repo, steps, jsonArray(untrackedAtStart),
                    jsonArray(filesTouched), transcript));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String jsonArray(List<String> values) {
        return values.stream().map(value -> "\"" + value + "\"").toList().toString();
    }
}
