package io.entire.cli;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.entire.core.json.JsonFormatException;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
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
 * A model API ({@link ModelApi}) answering from a {@link ModelScript}, bound to the loopback address on an ephemeral
 * port. It answers at most {@code requestLimit} requests and stops by itself after {@code lifetime}, so a client that
 * loops cannot run on. Every request is logged, so a confused script is diagnosable; a request that does not know
 * a scripted prompt (a title, a summary) gets a short fixed answer.
 */
final class LoopbackModelServer implements AutoCloseable {
    static final TokenUsage SIDE_USAGE = ModelReply.usage(3, 0, 0, 2);

    private final ModelApi api;
    private final ModelScript script;
    private final int requestLimit;
    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private final Thread reaper;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> log = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final Map<String, List<String>> requestsByPrompt = new LinkedHashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);

    /** The prompt that began the conversation's current turn, and how many replies the model has given since. */
    record Turn(String prompt, int repliesSoFar) {
        Turn {
            requireNonNull(prompt, "prompt is null");
        }
    }

    LoopbackModelServer(ModelApi api, ModelScript script, int requestLimit, Duration lifetime) throws IOException {
        this.api = requireNonNull(api, "api is null");
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
        }, "loopback-model-server-lifetime");
        reaper.setDaemon(true);
        reaper.start();
    }

    /** {@code http://<loopback address>:<port>}. */
    URI address() {
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

    /** Waits until the server stopped (closed, or its lifetime over); false if it still runs after {@code wait}. */
    boolean awaitStopped(Duration wait) throws InterruptedException {
        return stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized void record(String line) {
        log.add(line);
    }

    synchronized void problem(String line) {
        log.add(line);
        problems.add(line);
    }

    /**
     * The bodies of the requests answered in the conversation {@code prompt} began, as compact JSON: what the client
     * sent the model, so a test can check which earlier conversation a resumed session carried.
     */
    synchronized List<String> requestsOf(String prompt) {
        return List.copyOf(requestsByPrompt.getOrDefault(prompt, List.of()));
    }

    /** Whether {@code text} is a prompt of the script. */
    boolean knows(String text) {
        return script.knows(text);
    }

    /**
     * The script's next reply to {@code request} in {@code turn}, or a short fixed one (logged as a problem when the
     * script ran out); {@code described} is how the log names the request.
     */
    ModelReply reply(ModelRequest request, String described, Optional<Turn> turn) {
        if (turn.isEmpty()) {
            record(described + ": side request, answered briefly");
            return ModelReply.say("OK", SIDE_USAGE);
        }
        Turn known = turn.get();
        synchronized (this) {
            requestsByPrompt.computeIfAbsent(known.prompt(), prompt -> new ArrayList<>())
                    .add(JsonWriter.compact(request.json()));
        }
        Optional<ModelReply> scripted = script.reply(known.prompt(), known.repliesSoFar());
        if (scripted.isPresent()) {
            record(described + ": reply " + (known.repliesSoFar() + 1) + " to \"" + known.prompt() + "\"");
            return scripted.get();
        }
        problem(described + ": no reply " + (known.repliesSoFar() + 1) + " to \"" + known.prompt() + "\"");
        return ModelReply.say("The script has no reply here.", SIDE_USAGE);
    }

    private void stop() {
        server.stop(0);
        workers.shutdownNow();
        stopped.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int number = requests.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            String request = "#" + number + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI();
            if (number > requestLimit) {
                problem(request + ": over the limit of " + requestLimit + " requests");
                int status = api.overLimitStatus();
                sendJson(exchange, status, api.error(status, "the scripted server's request limit"));
                return;
            }
            if (!exchange.getRequestMethod().equals("POST") || !api.serves(path)) {
                record(request + ": not found");
                sendJson(exchange, 404, api.error(404, "the scripted server only serves " + api.routes()));
                return;
            }
            JsonObject json;
            try {
                json = new JsonReader().parseObject(body);
            } catch (JsonFormatException e) {
                problem(request + ": not a JSON object: " + e.getMessage());
                sendJson(exchange, 400, api.error(400, "the body is not a JSON object"));
                return;
            }
            api.answer(exchange, new ModelRequest(request, path, body.length, json), this);
        }
    }

    static void sendJson(HttpExchange exchange, int status, JsonObject body) throws IOException {
        byte[] bytes = JsonWriter.compact(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** One named server-sent event. */
    static void sendEvent(OutputStream out, String name, JsonObject data) throws IOException {
        out.write(("event: " + name + "\ndata: " + JsonWriter.compact(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** A JSON object from alternating keys and values, in that order. */
    static JsonObject object(Object... keyAndValue) {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        for (int i = 0; i < keyAndValue.length; i += 2) {
            members.put((String) keyAndValue[i], (JsonValue) keyAndValue[i + 1]);
        }
        return new JsonObject(members);
    }
}
