package io.entire.core.agent.codex;

import static io.entire.core.agent.CompactLines.object;
import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;
import io.entire.core.agent.CompactTranscriptLine;
import io.entire.core.json.JsonNull;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import io.entire.core.json.JsonWriter;
import io.entire.core.model.TokenCount;
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
 * Converts the lines of a Codex rollout part into the compact transcript of FORMATS.md 2.4, fed line by line: a
 * prompt ({@code item_completed} {@code UserMessage}) is a user line; one model response (its assistant messages and
 * tool calls, up to its {@code token_count}) is one assistant line carrying that response's input (uncached) and
 * output tokens, each call with the {@code result} of the output that answered it. Injected context (instructions,
 * environment) and Codex's own events are dropped.
 */
public final class CodexCompactTranscript {
    private static final String AGENT = "codex";

    private final OutputStream out;
    private final String cliVersion;
    private final List<JsonValue> content = new ArrayList<>();
    private final Map<String, Integer> callIndex = new HashMap<>();
    private JsonValue timestamp = JsonNull.INSTANCE;
    private String messageId = "";
    private long written;

    public CodexCompactTranscript(OutputStream out, String cliVersion) {
        // Buffered here because compact lines are written one by one and the caller's stream may not be.
        this.out = new BufferedOutputStream(requireNonNull(out, "out is null"), 16 * 1024);
        this.cliVersion = requireNonNull(cliVersion, "cliVersion is null");
    }

    /** One rollout line, parsed. */
    public void accept(JsonValue line) {
        JsonValue payload = line.member("payload");
        try {
            switch (line.member("type").stringValue()) {
                case "event_msg" -> event(line, payload);
                case "response_item" -> responseItem(line, payload);
                default -> {
                    // session_meta, turn_context, world_state...: not part of the conversation
                }
            }
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** Writes what is still pending and flushes; returns how many compact lines were written. */
    public long finish() {
        try {
            flush(0, 0);
            out.flush();
        } catch (IOException e) {
            throw failure(e);
        }
        return written;
    }

    private void event(JsonValue line, JsonValue payload) throws IOException {
        switch (payload.member("type").stringValue()) {
            case "item_completed" -> {
                JsonValue item = payload.member("item");
                if (!item.member("type").stringValue().equals("UserMessage")) {
                    return;
                }
                List<JsonValue> blocks = new ArrayList<>();
                for (JsonValue block : item.member("content").elements()) {
                    if (block.member("type").stringValue().equals("text")) {
                        blocks.add(object("text", block.member("text")));
                    }
                }
                if (!blocks.isEmpty()) {
                    flush(0, 0);
                    writeLine("user", line.member("timestamp"), "", 0, 0, blocks);
                }
            }
            case "token_count" -> {
                JsonValue last = payload.member("info").member("last_token_usage");
                long input = TokenCount.of(last.member("input_tokens"));
                long cached = Math.min(input, TokenCount.of(last.member("cached_input_tokens")));
                flush(input - cached, TokenCount.of(last.member("output_tokens")));
            }
            default -> {
                // task boundaries, settings, file changes (their calls are kept): dropped
            }
        }
    }

    private void responseItem(JsonValue line, JsonValue payload) {
        String type = payload.member("type").stringValue();
        switch (type) {
            case "message" -> {
                if (!payload.member("role").stringValue().equals("assistant")) {
                    return;
                }
                for (JsonValue block : payload.member("content").elements()) {
                    if (block.member("type").stringValue().equals("output_text")) {
                        pending(line, payload).add(object("type", new JsonString("text"), "text",
                                block.member("text")));
                    }
                }
            }
            case "function_call", "custom_tool_call" -> {
                String callId = payload.member("call_id").stringValue();
                JsonValue input = type.equals("function_call") ? arguments(payload.member("arguments"))
                        : object("input", payload.member("input"));
                List<JsonValue> blocks = pending(line, payload);
                callIndex.put(callId, blocks.size());
                blocks.add(object("type", new JsonString("tool_use"), "id", new JsonString(callId), "name",
                        payload.member("name"), "input", input));
            }
            case "function_call_output", "custom_tool_call_output" -> attach(payload);
            default -> {
                // reasoning and newer item kinds
            }
        }
    }

    private List<JsonValue> pending(JsonValue line, JsonValue payload) {
        if (content.isEmpty()) {
            messageId = payload.member("id").stringValue();
        }
        if (!line.member("timestamp").isNull()) {
            timestamp = line.member("timestamp");
        }
        return content;
    }

    private void attach(JsonValue payload) {
        Integer index = callIndex.get(payload.member("call_id").stringValue());
        if (index == null) {
            return;   // an output whose call belongs to an earlier part
        }
        JsonValue output = payload.member("output");
        String text = output instanceof JsonString string ? string.value() : output.member("text").stringValue();
        Map<String, JsonValue> call = new LinkedHashMap<>(((JsonObject) content.get(index)).members());
        call.put("result", object("output", new JsonString(text), "status", new JsonString("success")));
        content.set(index, new JsonObject(call));
    }

    private static JsonValue arguments(JsonValue arguments) {
        byte[] bytes = arguments.stringValue().getBytes(StandardCharsets.UTF_8);
        return new JsonReader().findValue(bytes, 0, bytes.length).orElse(arguments);
    }

    private void flush(long inputTokens, long outputTokens) throws IOException {
        if (!content.isEmpty()) {
            writeLine("assistant", timestamp, messageId, inputTokens, outputTokens, List.copyOf(content));
        }
        content.clear();
        callIndex.clear();
        timestamp = JsonNull.INSTANCE;
        messageId = "";
    }

    private void writeLine(String type, JsonValue lineTimestamp, String id, long inputTokens, long outputTokens,
            List<JsonValue> blocks) throws IOException {
        JsonObject line = new CompactTranscriptLine(AGENT, cliVersion, type, lineTimestamp, id, inputTokens,
                outputTokens, blocks).toJson();
        out.write(JsonWriter.compact(line).getBytes(StandardCharsets.UTF_8));
        out.write('\n');
        written++;
    }


    private static EntireException failure(IOException e) {
        return new EntireException(EntireException.Category.STORAGE, "cannot write compact transcript: "
                + e.getMessage(), e);
    }
}
