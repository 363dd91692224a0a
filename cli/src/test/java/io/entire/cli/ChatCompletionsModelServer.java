package io.entire.cli;

import static io.entire.cli.LoopbackModelServer.object;

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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The OpenAI Chat Completions API as an OpenAI-compatible client calls it ({@code POST /v1/chat/completions},
 * streamed as {@code data:} chunks), answering from a {@link ModelScript}: a reply's tool calls become
 * {@code tool_calls} (their input is the call's JSON arguments), its text the {@code content}, and its usage the last
 * chunk's usage, cache reads reported as {@code cached_tokens} inside {@code prompt_tokens} as the real API does. A
 * request without tools (a title, a summary) is a side request. Served by a {@link LoopbackModelServer}.
 */
final class ChatCompletionsModelServer implements ModelApi, AutoCloseable {
    private static final String COMPLETIONS = "/v1/chat/completions";

    private final AtomicInteger ids = new AtomicInteger();
    private final LoopbackModelServer server;

    ChatCompletionsModelServer(ModelScript script, int requestLimit, Duration lifetime) throws IOException {
        this.server = new LoopbackModelServer(this, script, requestLimit, lifetime);
    }

    /** What an OpenAI-compatible provider's {@code baseURL} should be. */
    URI baseUrl() {
        return URI.create(server.address() + "/v1");
    }

    /** The bodies of the requests answered in the conversation {@code prompt} began ({@link LoopbackModelServer}). */
    List<String> requestsOf(String prompt) {
        return server.requestsOf(prompt);
    }

    /** Every request so far, one line each. */
    String log() {
        return server.log();
    }

    /** Requests the script could not answer: empty when it all went as written. */
    List<String> problems() {
        return server.problems();
    }

    @Override
    public void close() {
        server.close();
    }

    @Override
    public String routes() {
        return "POST " + COMPLETIONS;
    }

    @Override
    public boolean serves(String path) {
        return path.equals(COMPLETIONS);
    }

    @Override
    public int overLimitStatus() {
        return 400;
    }

    @Override
    public JsonObject error(int status, String message) {
        return object("error", object("type", new JsonString("invalid_request_error"), "message",
                new JsonString(message)));
    }

    @Override
    public void answer(HttpExchange exchange, ModelRequest request, LoopbackModelServer loopback)
            throws IOException {
        JsonObject json = request.json();
        List<JsonValue> messages = json.member("messages").elements();
        boolean agentTurn = !json.member("tools").elements().isEmpty();
        String described = request.described() + " model=" + json.member("model").stringValue()
                + " messages=" + messages.size() + (agentTurn ? "" : " (no tools)");
        Optional<LoopbackModelServer.Turn> turn = agentTurn ? turn(messages, loopback) : Optional.empty();
        stream(exchange, "chatcmpl-scripted-" + ids.incrementAndGet(), json.member("model").stringValue(),
                loopback.reply(request, described, turn));
    }

    private static Optional<LoopbackModelServer.Turn> turn(List<JsonValue> messages, LoopbackModelServer loopback) {
        for (int index = messages.size() - 1; index >= 0; index--) {
            JsonValue message = messages.get(index);
            if (!message.member("role").stringValue().equals("user")) {
                continue;
            }
            String text = text(message.member("content")).strip();
            if (loopback.knows(text)) {
                int replies = (int) messages.subList(index + 1, messages.size()).stream()
                        .filter(later -> later.member("role").stringValue().equals("assistant")).count();
                return Optional.of(new LoopbackModelServer.Turn(text, replies));
            }
        }
        return Optional.empty();
    }

    /** A message's content: a string, or text parts. */
    private static String text(JsonValue content) {
        if (content instanceof JsonString string) {
            return string.value();
        }
        StringBuilder text = new StringBuilder();
        for (JsonValue part : content.elements()) {
            text.append(part.member("text").stringValue());
        }
        return text.toString();
    }

    private void stream(HttpExchange exchange, String id, String model, ModelReply reply) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        List<JsonValue> calls = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (ModelReply.Block block : reply.blocks()) {
            if (block.isToolUse()) {
                calls.add(object("index", JsonNumber.of(calls.size()), "id", new JsonString(id.replace("chatcmpl-",
                        "call_") + "_" + calls.size()), "type", new JsonString("function"), "function", object("name",
                                new JsonString(block.toolName()), "arguments", new JsonString(JsonWriter.compact(
                                        block.toolInput())))));
            } else {
                text.append(block.text());
            }
        }
        JsonObject delta = calls.isEmpty()
                ? object("role", new JsonString("assistant"), "content", new JsonString(text.toString()))
                : object("role", new JsonString("assistant"), "tool_calls", new JsonArray(calls));
        send(out, chunk(id, model, List.of(object("index", JsonNumber.of(0), "delta", delta, "finish_reason",
                JsonNull.INSTANCE))));
        send(out, chunk(id, model, List.of(object("index", JsonNumber.of(0), "delta", JsonObject.EMPTY,
                "finish_reason", new JsonString(calls.isEmpty() ? "stop" : "tool_calls")))));
        send(out, object("id", new JsonString(id), "object", new JsonString("chat.completion.chunk"), "created",
                JsonNumber.of(1), "model", new JsonString(model), "choices", new JsonArray(List.of()), "usage",
                usage(reply.usage())));
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static JsonObject chunk(String id, String model, List<JsonValue> choices) {
        return object("id", new JsonString(id), "object", new JsonString("chat.completion.chunk"), "created",
                JsonNumber.of(1), "model", new JsonString(model), "choices", new JsonArray(choices));
    }

    private static void send(OutputStream out, JsonObject data) throws IOException {
        out.write(("data: " + JsonWriter.compact(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static JsonObject usage(TokenUsage usage) {
        long prompt = usage.inputTokens() + usage.cacheReadTokens();
        return object("prompt_tokens", JsonNumber.of(prompt), "completion_tokens", JsonNumber.of(usage.outputTokens()),
                "total_tokens", JsonNumber.of(prompt + usage.outputTokens()), "prompt_tokens_details",
                object("cached_tokens", JsonNumber.of(usage.cacheReadTokens())));
    }
}
