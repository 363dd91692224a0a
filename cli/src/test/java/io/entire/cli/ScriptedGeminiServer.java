package io.entire.cli;

import static io.entire.cli.LoopbackModelServer.object;
import static io.entire.cli.LoopbackModelServer.sendJson;

import com.sun.net.httpserver.HttpExchange;
import io.entire.core.json.JsonArray;
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
 * The Gemini API as Gemini CLI calls it ({@code POST /v1beta/models/<model>:streamGenerateContent?alt=sse}, or
 * {@code :generateContent}), answering from a {@link ModelScript}: a text block becomes a text part, a tool call a
 * {@code functionCall} part, and a reply's usage its {@code usageMetadata} (input as {@code promptTokenCount}, cache
 * reads as {@code cachedContentTokenCount}, output as {@code candidatesTokenCount}). A request whose conversation the
 * script does not know gets a short fixed answer. Served by a {@link LoopbackModelServer}.
 */
final class ScriptedGeminiServer implements ModelApi, AutoCloseable {
    private static final String MODELS = "/v1beta/models/";

    private final AtomicInteger calls = new AtomicInteger();
    private final LoopbackModelServer server;

    ScriptedGeminiServer(ModelScript script, int requestLimit, Duration lifetime) throws IOException {
        this.server = new LoopbackModelServer(this, script, requestLimit, lifetime);
    }

    /** What Gemini CLI's {@code GOOGLE_GEMINI_BASE_URL} should be. */
    URI baseUrl() {
        return server.address();
    }

    /** The bodies of the requests answered in the conversation {@code prompt} began ({@link LoopbackModelServer}). */
    List<String> requestsOf(String prompt) {
        return server.requestsOf(prompt);
    }

    /** Every request so far, one line each: number, path, how it was routed. */
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

    @Override
    public String routes() {
        return MODELS;
    }

    @Override
    public boolean serves(String path) {
        return path.startsWith(MODELS);
    }

    @Override
    public int overLimitStatus() {
        return 429;
    }

    @Override
    public JsonObject error(int status, String message) {
        return object("error", object("code", JsonNumber.of(status), "message", new JsonString(message), "status",
                new JsonString("INVALID_ARGUMENT")));
    }

    @Override
    public void answer(HttpExchange exchange, ModelRequest request, LoopbackModelServer loopback)
            throws IOException {
        String path = request.path();
        if (path.endsWith(":countTokens")) {
            loopback.record(request.described() + ": countTokens");
            sendJson(exchange, 200, object("totalTokens", JsonNumber.of(request.bodyBytes() / 4)));
            return;
        }
        String model = path.substring(MODELS.length(), path.lastIndexOf(':'));
        List<JsonValue> contents = request.json().member("contents").elements();
        ModelReply reply = loopback.reply(request, request.described() + " contents=" + contents.size(),
                turn(contents, loopback));
        JsonObject response = response(reply, model);
        if (path.endsWith(":streamGenerateContent")) {
            stream(exchange, response);
        } else {
            sendJson(exchange, 200, response);
        }
    }

    private static Optional<LoopbackModelServer.Turn> turn(List<JsonValue> contents, LoopbackModelServer loopback) {
        for (int index = contents.size() - 1; index >= 0; index--) {
            JsonValue content = contents.get(index);
            if (!content.member("role").stringValue().equals("user")) {
                continue;
            }
            for (JsonValue part : content.member("parts").elements()) {
                String text = part.member("text").stringValue().strip();
                if (loopback.knows(text)) {
                    int repliesSoFar = (int) contents.subList(index + 1, contents.size()).stream()
                            .filter(later -> later.member("role").stringValue().equals("model")).count();
                    return Optional.of(new LoopbackModelServer.Turn(text, repliesSoFar));
                }
            }
        }
        return Optional.empty();
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
}
