package io.entire.cli;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonFormatException;
import io.entire.core.json.JsonNull;
import io.entire.core.json.JsonNumber;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import io.entire.core.json.JsonWriter;
import io.entire.core.model.TokenUsage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Anthropic Messages API as Claude Code calls it, answering from a {@link ModelScript}: streamed (SSE) or whole
 * replies, {@code count_tokens}, and a short fixed answer for the requests Claude Code makes on the side (titles,
 * summaries: no tools). Bound to the loopback address on an ephemeral port; it answers at most {@code requestLimit}
 * requests and stops by itself after {@code lifetime}. Every request is logged, so a confused script is diagnosable.
 */
final class ScriptedModelServer implements AutoCloseable {
    static final TokenUsage SIDE_USAGE = ModelReply.usage(3, 0, 0, 2);

    private final ModelScript script;
    private final int requestLimit;
    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private final Thread reaper;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    private final List<String> log = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);

    ScriptedModelServer(ModelScript script, int requestLimit, Duration lifetime) throws IOException {
        this.script = requireNonNull(script, "script is null");
        if (requestLimit <= 0) {
            throw new IllegalArgumentException("requestLimit must be positive: " + requestLimit);
        }
        this.requestLimit = requestLimit;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
        long deadline = lifetime.toMillis();
        this.reaper = new Thread(() -> {
            try {
                Thread.sleep(deadline);
                record("lifetime of " + lifetime + " is over: stopping");
                stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "scripted-model-server-lifetime");
        reaper.setDaemon(true);
        reaper.start();
    }

    /** What Claude Code's {@code ANTHROPIC_BASE_URL} should be. */
    URI baseUrl() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    /** Every request so far, one line each: number, path, model, how it was routed. */
    synchronized String log() {
        return String.join("\n", log);
    }

    /** Requests the script could not answer (no reply left, over the limit): empty when it all went as written. */
    synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public void close() {
        reaper.interrupt();
        stop();
    }

    /** Waits until the server stopped (closed, or its lifetime over); false if it still runs after {@code wait}. */
    boolean awaitStopped(Duration wait) throws InterruptedException {
        return stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void stop() {
        server.stop(0);
        workers.shutdownNow();
        stopped.countDown();
    }

    private synchronized void record(String line) {
        log.add(line);
    }

    private synchronized void problem(String line) {
        log.add(line);
        problems.add(line);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int number = requests.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            String request = "#" + number + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI();
            if (number > requestLimit) {
                problem(request + ": over the limit of " + requestLimit + " requests");
                sendJson(exchange, 400, error("invalid_request_error", "the scripted server's request limit"));
                return;
            }
            if (!exchange.getRequestMethod().equals("POST") || !path.startsWith("/v1/messages")) {
                record(request + ": not found");
                sendJson(exchange, 404, error("not_found_error", "the scripted server only serves /v1/messages"));
                return;
            }
            JsonObject json;
            try {
                json = new JsonReader().parseObject(body);
            } catch (JsonFormatException e) {
                problem(request + ": not a JSON object: " + e.getMessage());
                sendJson(exchange, 400, error("invalid_request_error", "the body is not a JSON object"));
                return;
            }
            if (path.equals("/v1/messages/count_tokens")) {
                record(request + ": count_tokens");
                sendJson(exchange, 200, object("input_tokens", JsonNumber.of(body.length / 4)));
                return;
            }
            answer(exchange, request, json);
        }
    }

    private void answer(HttpExchange exchange, String request, JsonObject json) throws IOException {
        String model = json.member("model").stringValue();
        boolean tools = !json.member("tools").elements().isEmpty();
        String described = request + " model=" + model + " tools=" + json.member("tools").elements().size()
                + " messages=" + json.member("messages").elements().size();
        Optional<Conversation> conversation = tools ? conversation(json.member("messages").elements())
                : Optional.empty();
        ModelReply reply;
        if (conversation.isEmpty()) {
            record(described + ": side request, answered briefly");
            reply = ModelReply.say("OK", SIDE_USAGE);
        } else {
            Conversation known = conversation.get();
            Optional<ModelReply> scripted = script.reply(known.prompt(), known.repliesSoFar());
            if (scripted.isPresent()) {
                record(described + ": reply " + (known.repliesSoFar() + 1) + " to \"" + known.prompt() + "\"");
                reply = scripted.get();
            } else {
                problem(described + ": no reply " + (known.repliesSoFar() + 1) + " to \"" + known.prompt() + "\"");
                reply = ModelReply.say("The script has no reply here.", SIDE_USAGE);
            }
        }
        String messageId = "msg_scripted_" + ids.incrementAndGet();
        if (json.member("stream").isTrue()) {
            stream(exchange, messageId, model, reply);
        } else {
            sendJson(exchange, 200, message(messageId, model, content(reply, messageId), "end_turn", reply.usage()));
        }
    }

    /** The prompt that began the conversation's current turn, and how many replies the model has given since. */
    private record Conversation(String prompt, int repliesSoFar) {
    }

    private Optional<Conversation> conversation(List<JsonValue> messages) {
        for (int index = messages.size() - 1; index >= 0; index--) {
            JsonValue message = messages.get(index);
            if (!message.member("role").stringValue().equals("user")) {
                continue;
            }
            for (String text : texts(message.member("content"))) {
                if (script.knows(text)) {
                    int replies = (int) messages.subList(index + 1, messages.size()).stream()
                            .filter(later -> later.member("role").stringValue().equals("assistant")).count();
                    return Optional.of(new Conversation(text, replies));
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
        event(out, "message_start", object("type", new JsonString("message_start"), "message",
                message(messageId, model, new JsonArray(List.of()), null, started)));
        for (int index = 0; index < reply.blocks().size(); index++) {
            ModelReply.Block block = reply.blocks().get(index);
            JsonNumber position = JsonNumber.of(index);
            event(out, "content_block_start", object("type", new JsonString("content_block_start"), "index",
                    position, "content_block", block(block, toolUseId(messageId, index), false)));
            JsonObject delta = block.isToolUse()
                    ? object("type", new JsonString("input_json_delta"), "partial_json",
                            new JsonString(JsonWriter.compact(block.toolInput())))
                    : object("type", new JsonString("text_delta"), "text", new JsonString(block.text()));
            event(out, "content_block_delta", object("type", new JsonString("content_block_delta"), "index",
                    position, "delta", delta));
            event(out, "content_block_stop", object("type", new JsonString("content_block_stop"), "index",
                    position));
        }
        String stopReason = reply.callsTools() ? "tool_use" : "end_turn";
        event(out, "message_delta", object("type", new JsonString("message_delta"), "delta",
                object("stop_reason", new JsonString(stopReason), "stop_sequence", JsonNull.INSTANCE),
                "usage", usage(usage)));
        event(out, "message_stop", object("type", new JsonString("message_stop")));
    }

    private static void event(OutputStream out, String name, JsonObject data) throws IOException {
        out.write(("event: " + name + "\ndata: " + JsonWriter.compact(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
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

    private static JsonObject error(String type, String message) {
        return object("type", new JsonString("error"), "error", object("type", new JsonString(type), "message",
                new JsonString(message)));
    }

    private static void sendJson(HttpExchange exchange, int status, JsonObject body) throws IOException {
        byte[] bytes = JsonWriter.compact(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static JsonObject object(Object... keyAndValue) {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        for (int i = 0; i < keyAndValue.length; i += 2) {
            members.put((String) keyAndValue[i], (JsonValue) keyAndValue[i + 1]);
        }
        return new JsonObject(members);
    }
}
