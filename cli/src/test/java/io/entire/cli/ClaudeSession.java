package io.entire.cli;

import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonNumber;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import io.entire.core.json.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Claude Code session as the hooks see it: a transcript file that grows line by line where Claude Code keeps it,
 * files the agent writes in the work tree, and hook payloads on stdin exactly as Claude Code sends them.
 */
final class ClaudeSession {
    /** Runs one hook invocation: in this JVM, or through the hook server's client. */
    @FunctionalInterface
    interface HookRunner {
        CliRun run(byte[] stdin, String... args);
    }

    private final Sandbox workspace;
    private final HookRunner runner;
    final String id;
    final Path transcript;
    private int counter;

    ClaudeSession(Sandbox workspace, String id) {
        this(workspace, id, (stdin, args) -> CliRun.run(workspace.repo, workspace.env(), stdin, args));
    }

    ClaudeSession(Sandbox workspace, String id, HookRunner runner) {
        this.workspace = workspace;
        this.runner = runner;
        this.id = id;
        this.transcript = workspace.transcript(id, "");
    }

    /** Runs {@code entire hooks claude-code <verb>} with the payload Claude Code would send. */
    CliRun hook(String verb, String event, Map<String, String> extra) {
        Map<String, JsonValue> payload = new LinkedHashMap<>();
        payload.put("session_id", new JsonString(id));
        payload.put("transcript_path", new JsonString(transcript.toString()));
        payload.put("cwd", new JsonString(workspace.repo.toString()));
        payload.put("permission_mode", new JsonString("default"));
        payload.put("hook_event_name", new JsonString(event));
        extra.forEach((key, value) -> payload.put(key, new JsonString(value)));
        byte[] stdin = JsonWriter.compact(new JsonObject(payload)).getBytes(StandardCharsets.UTF_8);
        return runner.run(stdin, "hooks", "claude-code", verb);
    }

    CliRun start() {
        return hook("session-start", "SessionStart", Map.of("source", "startup"));
    }

    /** The person submits a prompt: the hook runs, then Claude Code records the prompt. */
    ClaudeSession prompt(String text) {
        CliRun run = hook("user-prompt-submit", "UserPromptSubmit", Map.of("prompt", text));
        if (run.exitCode() != 0 || !run.out().isEmpty()) {
            throw new AssertionError("user-prompt-submit: " + run);
        }
        return append(line("user", Map.of("role", new JsonString("user"), "content", new JsonString(text))));
    }

    /** The person submits a prompt under another tool's hooks: Claude Code records it, and none of ours runs. */
    ClaudeSession typed(String text) {
        return append(line("user", Map.of("role", new JsonString("user"), "content", new JsonString(text))));
    }

    /** The agent writes a file with its Write tool: the tool call, the file on disk, the tool's result. */
    ClaudeSession write(String path, String content) {
        String toolId = "toolu_" + id.substring(0, 4) + (++counter);
        Path file = workspace.repo.resolve(path);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, JsonValue> input = new LinkedHashMap<>();
        input.put("file_path", new JsonString(file.toString()));
        input.put("content", new JsonString(content));
        Map<String, JsonValue> toolUse = new LinkedHashMap<>();
        toolUse.put("type", new JsonString("tool_use"));
        toolUse.put("id", new JsonString(toolId));
        toolUse.put("name", new JsonString("Write"));
        toolUse.put("input", new JsonObject(input));
        append(assistant(new JsonObject(toolUse)));
        Map<String, JsonValue> result = new LinkedHashMap<>();
        result.put("tool_use_id", new JsonString(toolId));
        result.put("type", new JsonString("tool_result"));
        result.put("content", new JsonString("File created successfully at: " + file));
        return append(line("user", Map.of("role", new JsonString("user"), "content",
                new JsonArray(List.of(new JsonObject(result))))));
    }

    /**
     * The agent runs a shell command with its Bash tool: the tool call, what the command does to the work tree
     * ({@code effect}), the tool's result. The transcript names no file.
     */
    ClaudeSession bash(String command, Runnable effect) {
        String toolId = "toolu_" + id.substring(0, 4) + (++counter);
        Map<String, JsonValue> toolUse = new LinkedHashMap<>();
        toolUse.put("type", new JsonString("tool_use"));
        toolUse.put("id", new JsonString(toolId));
        toolUse.put("name", new JsonString("Bash"));
        toolUse.put("input", new JsonObject(Map.of("command", new JsonString(command))));
        append(assistant(new JsonObject(toolUse)));
        effect.run();
        Map<String, JsonValue> result = new LinkedHashMap<>();
        result.put("tool_use_id", new JsonString(toolId));
        result.put("type", new JsonString("tool_result"));
        result.put("content", new JsonString(""));
        return append(line("user", Map.of("role", new JsonString("user"), "content",
                new JsonArray(List.of(new JsonObject(result))))));
    }

    /**
     * The agent hands a task to a subagent with its Task tool: the tool call, what the subagent does meanwhile
     * ({@code effect}), the tool's result.
     */
    ClaudeSession task(String description, Runnable effect) {
        String toolId = "toolu_" + id.substring(0, 4) + (++counter);
        Map<String, JsonValue> input = new LinkedHashMap<>();
        input.put("description", new JsonString(description));
        input.put("subagent_type", new JsonString("general-purpose"));
        input.put("prompt", new JsonString(description));
        Map<String, JsonValue> toolUse = new LinkedHashMap<>();
        toolUse.put("type", new JsonString("tool_use"));
        toolUse.put("id", new JsonString(toolId));
        toolUse.put("name", new JsonString("Task"));
        toolUse.put("input", new JsonObject(input));
        append(assistant(new JsonObject(toolUse)));
        effect.run();
        Map<String, JsonValue> result = new LinkedHashMap<>();
        result.put("tool_use_id", new JsonString(toolId));
        result.put("type", new JsonString("tool_result"));
        result.put("content", new JsonString("Done: " + description));
        return append(line("user", Map.of("role", new JsonString("user"), "content",
                new JsonArray(List.of(new JsonObject(result))))));
    }

    /** The agent answers in text. */
    ClaudeSession say(String text) {
        return append(assistant(new JsonObject(Map.of("type", new JsonString("text"), "text", new JsonString(text)))));
    }

    CliRun stop() {
        return hook("stop", "Stop", Map.of("stop_hook_active", "false"));
    }

    CliRun end() {
        return hook("session-end", "SessionEnd", Map.of("reason", "prompt_input_exit"));
    }

    /** Appends raw transcript lines, as Claude Code does while it works. */
    ClaudeSession append(String... lines) {
        try {
            for (String line : lines) {
                Files.writeString(transcript, line + "\n", StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The {@code uuid} of the transcript's last line, as Claude Code names each line. */
    String lastUuid() {
        try {
            List<String> lines = Files.readAllLines(transcript);
            return new JsonReader().parseObject(lines.get(lines.size() - 1).getBytes(StandardCharsets.UTF_8))
                    .findString("uuid").orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long lines() {
        try {
            return Files.readAllLines(transcript).size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String assistant(JsonValue block) {
        Map<String, JsonValue> usage = new LinkedHashMap<>();
        usage.put("input_tokens", JsonNumber.of(100));
        usage.put("output_tokens", JsonNumber.of(20));
        Map<String, JsonValue> message = new LinkedHashMap<>();
        message.put("model", new JsonString("claude-opus-4-6"));
        message.put("id", new JsonString("msg_" + id.substring(0, 4) + (++counter)));
        message.put("type", new JsonString("message"));
        message.put("role", new JsonString("assistant"));
        message.put("content", new JsonArray(List.of(block)));
        message.put("usage", new JsonObject(usage));
        return line("assistant", message);
    }

    private String line(String type, Map<String, JsonValue> message) {
        Map<String, JsonValue> line = new LinkedHashMap<>();
        line.put("parentUuid", new JsonString("p" + counter));
        line.put("cwd", new JsonString(workspace.repo.toString()));
        line.put("sessionId", new JsonString(id));
        line.put("version", new JsonString("2.1.33"));
        line.put("type", new JsonString(type));
        line.put("message", new JsonObject(message));
        line.put("uuid", new JsonString(id + "-" + (++counter)));
        line.put("timestamp", new JsonString("2026-02-06T05:12:" + String.format("%02d", counter % 60) + ".000Z"));
        return JsonWriter.compact(new JsonObject(line));
    }
}
