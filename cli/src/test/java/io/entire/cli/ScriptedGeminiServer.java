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
 * The Gemini API as Gemini CLI calls it ({@code POST /v1beta/models/<model>:streamGenerateContent?alt=sse}, or
 * {@code :generateContent}), answering from a {@link ModelScript}: a text block becomes a text part, a tool call a
 * {@code functionCall} part, and a reply's usage its {@code usageMetadata} (input as {@code promptTokenCount}, cache
 * reads as {@code cachedContentTokenCount}, output as {@code candidatesTokenCount}). A request whose conversation the
 * script does not know gets a short fixed answer. Bound to the loopback address on an ephemeral port; it answers at
 * most {@code requestLimit} requests and stops by itself after {@code lifetime}. Every request is logged.
 */
final class ScriptedGeminiServer implements AutoCloseable {
    static final TokenUsage SIDE_USAGE = ModelReply.usage(3, 0, 0, 2);

    private final ModelScript script;
    private final int requestLimit;
    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private final Thread reaper;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();
    private final List<String> log = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    ScriptedGeminiServer(ModelScript script, int requestLimit, Duration lifetime) throws IOException {
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
        }, "scripted-gemini-server-lifetime");
        reaper.setDaemon(true);
        reaper.start();
    }

    /** What Gemini CLI's {@code GOOGLE_GEMINI_BASE_URL} should be. */
    URI baseUrl() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    /** Every request so far, one line each: number, path, how it was routed. */
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
            String path = exchange.getRequestURI().getPath();
            String request = "#" + number + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI();
            if (number > requestLimit) {
                problem(request + ": over the limit of " + requestLimit + " requests");
                sendJson(exchange, 429, error(429, "the scripted server's request limit"));
                return;
            }
            if (!exchange.getRequestMethod().equals("POST") || !path.startsWith("/v1beta/models/")) {
                record(request + ": not found");
                sendJson(exchange, 404, error(404, "the scripted server only serves /v1beta/models/"));
                return;
            }
            JsonObject json;
            try {
                json = new JsonReader().parseObject(body);
            } catch (JsonFormatException e) {
                problem(request + ": not a JSON object: " + e.getMessage());
                sendJson(exchange, 400, error(400, "the body is not a JSON object"));
                return;
            }
            if (path.endsWith(":countTokens")) {
                record(request + ": countTokens");
                sendJson(exchange, 200, object("totalTokens", JsonNumber.of(body.length / 4)));
                return;
            }
            String model = path.substring("/v1beta/models/".length(), path.lastIndexOf(':'));
            ModelReply reply = reply(request, json);
            JsonObject response = response(reply, model);
            if (path.endsWith(":streamGenerateContent")) {
                stream(exchange, response);
            } else {
                sendJson(exchange, 200, response);
            }
        }
    }

    private ModelReply reply(String request, JsonObject json) {
        List<JsonValue> contents = json.member("contents").elements();
        String described = request + " contents=" + contents.size();
        for (int index = contents.size() - 1; index >= 0; index--) {
            JsonValue content = contents.get(index);
            if (!content.member("role").stringValue().equals("user")) {
                continue;
            }
            for (JsonValue part : content.member("parts").elements()) {
                String text = part.member("text").stringValue().strip();
                if (!script.knows(text)) {
                    continue;
                }
                int repliesSoFar = (int) contents.subList(index + 1, contents.size()).stream()
                        .filter(later -> later.member("role").stringValue().equals("model")).count();
                Optional<ModelReply> scripted = script.reply(text, repliesSoFar);
                if (scripted.isPresent()) {
                    record(described + ": reply " + (repliesSoFar + 1) + " to \"" + text + "\"");
                    return scripted.get();
                }
                problem(described + ": no reply " + (repliesSoFar + 1) + " to \"" + text + "\"");
                return ModelReply.say("The script has no reply here.", SIDE_USAGE);
            }
        }
        record(described + ": side request, answered briefly");
        return ModelReply.say("OK", SIDE_USAGE);
    }

    private JsonObject response(ModelReply reply, String model) {
        List<JsonValue> parts = new ArrayList<>();
        for (ModelReply.Block block : reply.blocks()) {
            parts.add(block.isToolUse()
                    ? object("functionCall", object("name", new JsonString(block.toolName()), "args",
                            block.toolInput()))
                    : object("text", new JsonString(block.text())));
        }
        TokenUsage usage = reply.usage();
        JsonObject candidate = object("content", object("role", new JsonString("model"), "parts",
                new JsonArray(parts)), "finishReason", new JsonString("STOP"), "index", JsonNumber.of(0));
        return object("candidates", new JsonArray(List.of(candidate)), "usageMetadata", object(
                "promptTokenCount", JsonNumber.of(usage.inputTokens()),
                "cachedContentTokenCount", JsonNumber.of(usage.cacheReadTokens()),
                "candidatesTokenCount", JsonNumber.of(usage.outputTokens()),
                "totalTokenCount", JsonNumber.of(usage.inputTokens() + usage.outputTokens())),
                "modelVersion", new JsonString(model), "responseId", new JsonString("scripted-"
                        + calls.incrementAndGet()));
    }

    /** The whole answer as one server-sent event, as the API may send a short reply. */
    private static void stream(HttpExchange exchange, JsonObject response) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write(("data: " + JsonWriter.compact(response) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static JsonObject error(int code, String message) {
        return object("error", object("code", JsonNumber.of(code), "message", new JsonString(message), "status",
                new JsonString("INVALID_ARGUMENT")));
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
