package io.entire.cli;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonFormatException;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The OpenAI Responses API as Codex calls it ({@code POST /v1/responses}, streamed as server-sent events), answering
 * from a {@link ModelScript}: a reply's tool calls become {@code function_call} items (their input is the call's
 * JSON arguments), its text an assistant {@code message}, and its usage the {@code response.completed} usage, with
 * cache reads reported as {@code cached_tokens} inside {@code input_tokens} as the real API does. Loopback only, at
 * most {@code requestLimit} requests, and it stops by itself after {@code lifetime}.
 */
final class ResponsesModelServer implements AutoCloseable {
    private final ModelScript script;
    private final int requestLimit;
    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private final Thread reaper;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    private final List<String> log = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    ResponsesModelServer(ModelScript script, int requestLimit, Duration lifetime) throws IOException {
        this.script = requireNonNull(script, "script is null");
        if (requestLimit <= 0) {
            throw new IllegalArgumentException("requestLimit must be positive: " + requestLimit);
        }
        this.requestLimit = requestLimit;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
        this.reaper = new Thread(() -> {
            try {
                Thread.sleep(lifetime.toMillis());
                record("lifetime of " + lifetime + " is over: stopping");
                stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "responses-model-server-lifetime");
        reaper.setDaemon(true);
        reaper.start();
    }

    /** What a Codex {@code model_providers} entry's {@code base_url} should be. */
    URI baseUrl() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort()
                + "/v1");
    }

    /** Every request so far, one line each. */
    synchronized String log() {
        return String.join("\n", log);
    }

    /** Requests the script could not answer: empty when it all went as written. */
    synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public void close() {
        reaper.interrupt();
        stop();
    }

    private void stop() {
        server.stop(0);
        workers.shutdownNow();
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
            String request = "#" + number + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI();
            if (number > requestLimit) {
                problem(request + ": over the limit of " + requestLimit + " requests");
                sendError(exchange, 400, "the scripted server's request limit");
                return;
            }
            if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath()
                    .equals("/v1/responses")) {
                record(request + ": not found");
                sendError(exchange, 404, "the scripted server only serves POST /v1/responses");
                return;
            }
            JsonObject json;
            try {
                json = new JsonReader().parseObject(body);
            } catch (JsonFormatException e) {
                problem(request + ": not a JSON object: " + e.getMessage());
                sendError(exchange, 400, "the body is not a JSON object");
                return;
            }
            answer(exchange, request, json);
        }
    }

    private void answer(HttpExchange exchange, String request, JsonObject json) throws IOException {
        List<JsonValue> input = json.member("input").elements();
        String described = request + " model=" + json.member("model").stringValue() + " items=" + input.size();
        Optional<Conversation> conversation = conversation(input);
        ModelReply reply;
        if (conversation.isEmpty()) {
            record(described + ": no scripted prompt, answered briefly");
            reply = ModelReply.say("OK", ScriptedModelServer.SIDE_USAGE);
        } else {
            Conversation known = conversation.get();
            Optional<ModelReply> scripted = script.reply(known.prompt(), known.repliesSoFar());
            if (scripted.isPresent()) {
                record(described + ": reply " + (known.repliesSoFar() + 1) + " to \"" + known.prompt() + "\"");
                reply = scripted.get();
            } else {
                problem(described + ": no reply " + (known.repliesSoFar() + 1) + " to \"" + known.prompt() + "\"");
                reply = ModelReply.say("The script has no reply here.", ScriptedModelServer.SIDE_USAGE);
            }
        }
        stream(exchange, "resp_scripted_" + ids.incrementAndGet(), reply);
    }

    /** The prompt that began the current turn, and how many replies the model has given since. */
    private record Conversation(String prompt, int repliesSoFar) {
    }

    private Optional<Conversation> conversation(List<JsonValue> input) {
        for (int index = input.size() - 1; index >= 0; index--) {
            JsonValue item = input.get(index);
            if (!item.member("type").stringValue().equals("message") || !item.member("role").stringValue()
                    .equals("user")) {
                continue;
            }
            for (JsonValue content : item.member("content").elements()) {
                String text = content.member("text").stringValue().strip();
                if (script.knows(text)) {
                    return Optional.of(new Conversation(text, replies(input.subList(index + 1, input.size()))));
                }
            }
        }
        return Optional.empty();
    }

    // A reply is one assistant message, or function calls side by side (their outputs follow them).
    private static int replies(List<JsonValue> items) {
        int replies = 0;
        String previous = "";
        for (JsonValue item : items) {
            String type = item.member("type").stringValue();
            if (type.equals("function_call") && !previous.equals("function_call")
                    || type.equals("message") && item.member("role").stringValue().equals("assistant")) {
                replies++;
            }
            previous = type;
        }
        return replies;
    }

    private void stream(HttpExchange exchange, String responseId, ModelReply reply) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        event(out, "response.created", object("type", new JsonString("response.created"), "response",
                object("id", new JsonString(responseId))));
        for (int index = 0; index < reply.blocks().size(); index++) {
            ModelReply.Block block = reply.blocks().get(index);
            String itemId = responseId.replace("resp_", "item_") + "_" + index;
            JsonObject item = block.isToolUse()
                    ? object("type", new JsonString("function_call"), "id", new JsonString(itemId), "call_id",
                            new JsonString("call_" + itemId), "name", new JsonString(block.toolName()), "arguments",
                            new JsonString(JsonWriter.compact(block.toolInput())))
                    : object("type", new JsonString("message"), "role", new JsonString("assistant"), "id",
                            new JsonString(itemId), "content", new JsonArray(List.of(object("type",
                                    new JsonString("output_text"), "text", new JsonString(block.text())))));
            event(out, "response.output_item.done", object("type", new JsonString("response.output_item.done"),
                    "output_index", JsonNumber.of(index), "item", item));
        }
        event(out, "response.completed", object("type", new JsonString("response.completed"), "response",
                object("id", new JsonString(responseId), "usage", usage(reply.usage()))));
    }

    private static JsonObject usage(TokenUsage usage) {
        long input = usage.inputTokens() + usage.cacheReadTokens();
        return object("input_tokens", JsonNumber.of(input),
                "input_tokens_details", object("cached_tokens", JsonNumber.of(usage.cacheReadTokens())),
                "output_tokens", JsonNumber.of(usage.outputTokens()),
                "output_tokens_details", object("reasoning_tokens", JsonNumber.of(0)),
                "total_tokens", JsonNumber.of(input + usage.outputTokens()));
    }

    private static void event(OutputStream out, String name, JsonObject data) throws IOException {
        out.write(("event: " + name + "\ndata: " + JsonWriter.compact(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void sendError(HttpExchange exchange, int status, String message) throws IOException {
        byte[] bytes = JsonWriter.compact(object("error", object("type", new JsonString("invalid_request_error"),
                "message", new JsonString(message)))).getBytes(StandardCharsets.UTF_8);
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
