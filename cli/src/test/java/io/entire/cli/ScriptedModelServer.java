package io.entire.cli;

import static io.entire.cli.LoopbackModelServer.object;
import static io.entire.cli.LoopbackModelServer.sendEvent;
import static io.entire.cli.LoopbackModelServer.sendJson;

import com.sun.net.httpserver.HttpExchange;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonNull;
import io.entire.core.json.JsonNumber;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import io.entire.core.json.JsonWriter;
import io.entire.core.model.TokenUsage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Anthropic Messages API as Claude Code calls it, answering from a {@link ModelScript}: streamed (SSE) or whole
 * replies, {@code count_tokens}, and a short fixed answer for the requests Claude Code makes on the side (titles,
 * summaries: no tools), served by a {@link LoopbackModelServer}.
 */
final class ScriptedModelServer implements ModelApi, AutoCloseable {
    private final AtomicInteger ids = new AtomicInteger();
    private final LoopbackModelServer server;

    ScriptedModelServer(ModelScript script, int requestLimit, Duration lifetime) throws IOException {
        this.server = new LoopbackModelServer(this, script, requestLimit, lifetime);
    }

    /** What Claude Code's {@code ANTHROPIC_BASE_URL} should be. */
    URI baseUrl() {
        return server.address();
    }

    /** The bodies of the requests answered in the conversation {@code prompt} began ({@link LoopbackModelServer}). */
    List<String> requestsOf(String prompt) {
        return server.requestsOf(prompt);
    }

    /** Every request so far, one line each: number, path, model, how it was routed. */
    String log() {
        return server.log();
    }

    /** Requests the script could not answer (no reply left, over the limit): empty when it all went as written. */
    List<String> problems() {
        return server.problems();
    }

    @Override
    public void close() {
        server.close();
    }

    /** Waits until the server stopped (closed, or its lifetime over); false if it still runs after {@code wait}. */
    boolean awaitStopped(Duration wait) throws InterruptedException {
        return server.awaitStopped(wait);
    }

    @Override
    public String routes() {
        return "/v1/messages";
    }

    @Override
    public boolean serves(String path) {
        return path.startsWith("/v1/messages");
    }

    @Override
    public int overLimitStatus() {
        return 400;
    }

    @Override
    public JsonObject error(int status, String message) {
        String type = status == 404 ? "not_found_error" : "invalid_request_error";
        return object("type", new JsonString("error"), "error", object("type", new JsonString(type), "message",
                new JsonString(message)));
    }

    @Override
    public void answer(HttpExchange exchange, ModelRequest request, LoopbackModelServer loopback)
            throws IOException {
        if (request.path().equals("/v1/messages/count_tokens")) {
            loopback.record(request.described() + ": count_tokens");
            sendJson(exchange, 200, object("input_tokens", JsonNumber.of(request.bodyBytes() / 4)));
            return;
        }
        JsonObject json = request.json();
        String model = json.member("model").stringValue();
        boolean tools = !json.member("tools").elements().isEmpty();
        String described = request.described() + " model=" + model + " tools=" + json.member("tools").elements().size()
                + " messages=" + json.member("messages").elements().size();
        Optional<LoopbackModelServer.Turn> turn = tools ? turn(json.member("messages").elements(), loopback)
                : Optional.empty();
        ModelReply reply = loopback.reply(request, described, turn);
        String messageId = "msg_scripted_" + ids.incrementAndGet();
        if (json.member("stream").isTrue()) {
            stream(exchange, messageId, model, reply);
        } else {
            sendJson(exchange, 200, message(messageId, model, content(reply, messageId), "end_turn", reply.usage()));
        }
    }

    private static Optional<LoopbackModelServer.Turn> turn(List<JsonValue> messages, LoopbackModelServer loopback) {
        for (int index = messages.size() - 1; index >= 0; index--) {
            JsonValue message = messages.get(index);
            if (!message.member("role").stringValue().equals("user")) {
                continue;
            }
            for (String text : texts(message.member("content"))) {
                if (loopback.knows(text)) {
                    int replies = (int) messages.subList(index + 1, messages.size()).stream()
                            .filter(later -> later.member("role").stringValue().equals("assistant")).count();
                    return Optional.of(new LoopbackModelServer.Turn(text, replies));
                }
            }
        }
        return Optional.empty();
    }
    private static List<String> texts(JsonValue content) {
        if (content instanceof JsonString string) {
            return List.of(string.value().strip());
        }
        return content.elements().stream().filter(block -> block.member("type").stringValue().equals("text"))
                .map(block -> block.member("text").stringValue().strip()).toList();
    }

    private JsonArray content(ModelReply reply, String messageId) {
        List<JsonValue> blocks = new ArrayList<>();
        for (int index = 0; index < reply.blocks().size(); index++) {
            blocks.add(block(reply.blocks().get(index), toolUseId(messageId, index), true));
        }
        return new JsonArray(blocks);
    }

    private static String toolUseId(String messageId, int index) {
        return "toolu_" + messageId.substring("msg_".length()) + "_" + index;
    }

    private static JsonObject block(ModelReply.Block block, String toolUseId, boolean complete) {
        if (block.isToolUse()) {
            return object("type", new JsonString("tool_use"), "id", new JsonString(toolUseId), "name",
                    new JsonString(block.toolName()), "input", complete ? block.toolInput() : JsonObject.EMPTY);
        }
        return object("type", new JsonString("text"), "text", new JsonString(complete ? block.text() : ""));
    }

    /** The event stream the real API sends: the message, each block's start, delta and stop, usage, the end. */
    private void stream(HttpExchange exchange, String messageId, String model, ModelReply reply) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.getResponseHeaders().set("request-id", "req_" + messageId);
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        TokenUsage usage = reply.usage();
        TokenUsage started = new TokenUsage(usage.inputTokens(), usage.cacheCreationTokens(),
                usage.cacheReadTokens(), 1, 1);
        sendEvent(out, "message_start", object("type", new JsonString("message_start"), "message",
                message(messageId, model, new JsonArray(List.of()), null, started)));
        for (int index = 0; index < reply.blocks().size(); index++) {
            ModelReply.Block block = reply.blocks().get(index);
            JsonNumber position = JsonNumber.of(index);
            sendEvent(out, "content_block_start", object("type", new JsonString("content_block_start"), "index",
                    position, "content_block", block(block, toolUseId(messageId, index), false)));
            JsonObject delta = block.isToolUse()
                    ? object("type", new JsonString("input_json_delta"), "partial_json",
                            new JsonString(JsonWriter.compact(block.toolInput())))
                    : object("type", new JsonString("text_delta"), "text", new JsonString(block.text()));
            sendEvent(out, "content_block_delta", object("type", new JsonString("content_block_delta"), "index",
                    position, "delta", delta));
            sendEvent(out, "content_block_stop", object("type", new JsonString("content_block_stop"), "index",
                    position));
        }
        String stopReason = reply.callsTools() ? "tool_use" : "end_turn";
        sendEvent(out, "message_delta", object("type", new JsonString("message_delta"), "delta",
                object("stop_reason", new JsonString(stopReason), "stop_sequence", JsonNull.INSTANCE),
                "usage", usage(usage)));
        sendEvent(out, "message_stop", object("type", new JsonString("message_stop")));
    }

    private static JsonObject message(String id, String model, JsonArray content, String stopReason,
            TokenUsage usage) {
        return object("id", new JsonString(id), "type", new JsonString("message"), "role",
                new JsonString("assistant"), "model", new JsonString(model), "content", content, "stop_reason",
                stopReason == null ? JsonNull.INSTANCE : new JsonString(stopReason),
                "stop_sequence", JsonNull.INSTANCE, "usage", usage(usage));
    }

    /** Usage as today's API reports it: the cache write both as a total and split by lifetime (all 5 minutes here). */
    private static JsonObject usage(TokenUsage usage) {
        return object("input_tokens", JsonNumber.of(usage.inputTokens()),
                "cache_creation_input_tokens", JsonNumber.of(usage.cacheCreationTokens()),
                "cache_read_input_tokens", JsonNumber.of(usage.cacheReadTokens()),
                "cache_creation", object("ephemeral_5m_input_tokens", JsonNumber.of(usage.cacheCreationTokens()),
                        "ephemeral_1h_input_tokens", JsonNumber.of(0)),
                "output_tokens", JsonNumber.of(usage.outputTokens()),
                "service_tier", new JsonString("standard"));
    }
}
