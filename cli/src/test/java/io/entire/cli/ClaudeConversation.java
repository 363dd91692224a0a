package io.entire.cli;

import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import io.entire.core.json.JsonWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One Claude Code session that takes its prompts one at a time ({@code --input-format stream-json}): each
 * {@link #send} waits for the turn's result, so a test can act (commit, check a checkpoint) between turns while the
 * session goes on.
 */
final class ClaudeConversation implements AutoCloseable {
    private final Process process;
    private final Path errors;
    private final long timeoutSeconds;
    // Claude Code's stdout line by line; empty once it closed.
    private final BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();
    private final List<String> transcriptOfOutput = new ArrayList<>();
    private final Thread reader;

    /** Over a started {@code process} whose stderr goes to {@code errors}. */
    ClaudeConversation(Process process, Path errors, long timeoutSeconds) {
        this.process = process;
        this.errors = errors;
        this.timeoutSeconds = timeoutSeconds;
        this.reader = new Thread(this::readOutput, "claude-conversation-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Sends {@code prompt} as the user's next message; returns the turn's result once Claude Code reports it. */
    JsonObject send(String prompt) {
        Map<String, JsonValue> message = new LinkedHashMap<>();
        message.put("role", new JsonString("user"));
        message.put("content", new JsonString(prompt));
        Map<String, JsonValue> line = new LinkedHashMap<>();
        line.put("type", new JsonString("user"));
        line.put("message", new JsonObject(message));
        try {
            OutputStream stdin = process.getOutputStream();
            stdin.write((JsonWriter.compact(new JsonObject(line)) + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new AssertionError("claude stopped reading prompts: " + output(), e);
        }
        return awaitResult(prompt);
    }

    private JsonObject awaitResult(String prompt) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        try {
            while (true) {
                Optional<String> polled = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (polled == null || polled.isEmpty()) {
                    String what = polled == null ? "no result in " + timeoutSeconds + " s" : "claude exited";
                    throw new AssertionError(what + " for \"" + prompt + "\": " + output());
                }
                String next = polled.get();
                if (next.startsWith("{")) {
                    JsonObject event = new JsonReader().parseObject(next.getBytes(StandardCharsets.UTF_8));
                    if (event.member("type").stringValue().equals("result")) {
                        if (event.member("is_error").isTrue()) {
                            throw new AssertionError("the turn for \"" + prompt + "\" failed: " + next);
                        }
                        return event;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for claude", e);
        }
    }

    /** Ends the session the way a person leaves it: no more input, then Claude Code's own session end. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("claude did not end its session in " + timeoutSeconds + " s: " + output());
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("claude exited with " + process.exitValue() + ": " + output());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new AssertionError("interrupted while claude ended", e);
        }
    }

    private void readOutput() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                synchronized (transcriptOfOutput) {
                    transcriptOfOutput.add(line);
                }
                lines.add(Optional.of(line));
            }
        } catch (IOException e) {
            synchronized (transcriptOfOutput) {
                transcriptOfOutput.add("reading claude's output failed: " + e);
            }
        }
        lines.add(Optional.empty());
    }

    private String output() {
        String stderr;
        try {
            stderr = Files.readString(errors, StandardCharsets.UTF_8);
        } catch (IOException e) {
            stderr = "(unreadable: " + e + ")";
        }
        synchronized (transcriptOfOutput) {
            return String.join("\n", transcriptOfOutput) + "\nstderr:\n" + stderr;
        }
    }
}
