package io.entire.core.agent.copilot;

import static io.entire.core.agent.CompactLines.object;
import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;
import io.entire.core.agent.CompactTranscriptLine;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import io.entire.core.json.JsonWriter;
import io.entire.core.model.TokenUsage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts the lines of a Copilot CLI session log part into the compact transcript of FORMATS.md 2.4, fed line by
 * line: a {@code user.message} is a user line (the prompt as typed, without the context Copilot wraps it in); an
 * {@code assistant.message} is an assistant line of its text and tool requests, carrying the input (uncached) and
 * output tokens of the {@code session.usage_record} of the same API call, each request with the {@code result} of
 * the {@code tool.execution_complete} that answered it. Hooks, system messages and Copilot's own events are dropped.
 */
final class CopilotCompactTranscript {
    private final OutputStream out;
    private final String cliVersion;
    private final Map<String, TokenUsage> usageByCall = new HashMap<>();
    private final Map<String, Integer> requestIndex = new HashMap<>();
    private final List<JsonValue> content = new ArrayList<>();
    private JsonValue timestamp;
    private String messageId = "";
    private TokenUsage usage = TokenUsage.ZERO;
    private long written;

    CopilotCompactTranscript(OutputStream out, String cliVersion) {
        // Buffered here because compact lines are written one by one and the caller's stream may not be.
        this.out = new BufferedOutputStream(requireNonNull(out, "out is null"), 16 * 1024);
        this.cliVersion = requireNonNull(cliVersion, "cliVersion is null");
    }

    void accept(JsonValue line) {
        JsonValue data = line.member("data");
        try {
            switch (line.member("type").stringValue()) {
                case "user.message" -> {
                    flush();
                    String prompt = data.member("content").stringValue();
                    if (!prompt.isBlank()) {
                        writeLine("user", line.member("timestamp"), "", TokenUsage.ZERO,
                                List.of(object("text", new JsonString(prompt))));
                    }
                }
                case "session.usage_record" -> usageByCall.put(data.member("usage").member("apiCallId").stringValue(),
                        CopilotEventLog.usage(data.member("usage")));
                case "assistant.message" -> assistant(line, data);
                case "tool.execution_complete" -> result(data);
                default -> {
                    // hooks, turn boundaries, tool starts, system messages, shutdown: not part of the conversation
                }
            }
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** Writes what is still pending and flushes; returns how many compact lines were written. */
    long finish() {
        try {
            flush();
            out.flush();
        } catch (IOException e) {
            throw failure(e);
        }
        return written;
    }

    private void assistant(JsonValue line, JsonValue data) throws IOException {
        flush();
        timestamp = line.member("timestamp");
        messageId = data.member("messageId").stringValue();
        usage = usageByCall.getOrDefault(data.member("apiCallId").stringValue(), TokenUsage.ZERO);
        String text = data.member("content").stringValue();
        if (!text.isBlank()) {
            content.add(object("type", new JsonString("text"), "text", new JsonString(text)));
        }
        for (JsonValue request : data.member("toolRequests").elements()) {
            requestIndex.put(request.member("toolCallId").stringValue(), content.size());
            content.add(object("type", new JsonString("tool_use"), "id", request.member("toolCallId"), "name",
                    request.member("name"), "input", request.member("arguments")));
        }
    }

    private void result(JsonValue data) {
        Integer index = requestIndex.get(data.member("toolCallId").stringValue());
        if (index == null) {
            return;   // a result whose request belongs to an earlier part or line
        }
        Map<String, JsonValue> request = new LinkedHashMap<>(((JsonObject) content.get(index)).members());
        request.put("result", object("output", new JsonString(data.member("result").member("content").stringValue()),
                "status", new JsonString(data.member("success").isTrue() ? "success" : "error")));
        content.set(index, new JsonObject(request));
    }

    private void flush() throws IOException {
        if (!content.isEmpty()) {
            writeLine("assistant", timestamp, messageId, usage, List.copyOf(content));
        }
        content.clear();
        requestIndex.clear();
        messageId = "";
        usage = TokenUsage.ZERO;
    }

    private void writeLine(String type, JsonValue lineTimestamp, String id, TokenUsage tokens, List<JsonValue> blocks)
            throws IOException {
        JsonObject line = new CompactTranscriptLine(CopilotCli.SLUG, cliVersion, type, lineTimestamp, id,
                tokens.inputTokens(), tokens.outputTokens(), blocks).toJson();
        out.write(JsonWriter.compact(line).getBytes(StandardCharsets.UTF_8));
        out.write('\n');
        written++;
    }


    private static EntireException failure(IOException e) {
        return new EntireException(EntireException.Category.STORAGE, "cannot write compact transcript: "
                + e.getMessage(), e);
    }
}
