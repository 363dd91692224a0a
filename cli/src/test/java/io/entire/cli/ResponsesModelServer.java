package io.entire.cli;

import static io.entire.cli.LoopbackModelServer.object;
import static io.entire.cli.LoopbackModelServer.sendEvent;

import com.sun.net.httpserver.HttpExchange;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonNumber;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The OpenAI Responses API as Codex and Copilot CLI call it ({@code POST /v1/responses}, streamed as server-sent
 * events), answering from a {@link ModelScript}: a reply's tool calls become {@code function_call} items (their input
 * is the call's JSON arguments), its text an assistant {@code message}, and its usage the {@code response.completed}
 * usage, with cache reads reported as {@code cached_tokens} inside {@code input_tokens} as the real API does. Served
 * by a {@link LoopbackModelServer}.
 */
final class ResponsesModelServer implements ModelApi, AutoCloseable {
    private static final String RESPONSES = "/v1/responses";
    /** In a scripted tool input, stands for the id of the agent the conversation's last {@code spawn_agent} started. */
    static final String SPAWNED_AGENT = "$SPAWNED_AGENT";
    // Codex offers its subagent tools in a namespace, and accepts a call of one only when the call names it.
    private static final String MULTI_AGENT_NAMESPACE = "multi_agent_v1";
    private static final Set<String> MULTI_AGENT_TOOLS = Set.of("spawn_agent", "wait_agent", "send_input",
            "close_agent", "resume_agent");

    private final AtomicInteger ids = new AtomicInteger();
    private final LoopbackModelServer server;

    ResponsesModelServer(ModelScript script, int requestLimit, Duration lifetime) throws IOException {
        this.server = new LoopbackModelServer(this, script, requestLimit, lifetime);
    }

    /** What a Codex {@code model_providers} entry's {@code base_url} should be. */
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
        return "POST " + RESPONSES;
    }

    @Override
    public boolean serves(String path) {
        return path.equals(RESPONSES);
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
        List<JsonValue> input = json.member("input").elements();
        String described = request.described() + " model=" + json.member("model").stringValue()
                + " items=" + input.size();
        ModelReply reply = loopback.reply(request, described, turn(input, loopback));
        stream(exchange, "resp_scripted_" + ids.incrementAndGet(), reply, spawnedAgent(input));
    }

    private static Optional<LoopbackModelServer.Turn> turn(List<JsonValue> input, LoopbackModelServer loopback) {
        for (int index = input.size() - 1; index >= 0; index--) {
            JsonValue item = input.get(index);
            if (!item.member("type").stringValue().equals("message") || !item.member("role").stringValue()
                    .equals("user")) {
                continue;
            }
            for (JsonValue content : item.member("content").elements()) {
                Optional<String> prompt = prompt(content.member("text").stringValue().strip(), loopback);
                if (prompt.isPresent()) {
                    return Optional.of(new LoopbackModelServer.Turn(prompt.get(),
                            replies(input.subList(index + 1, input.size()))));
                }
            }
        }
        return Optional.empty();
    }

    // Copilot CLI puts context before what the user typed (<current_datetime>...</current_datetime>, a blank line).
    private static Optional<String> prompt(String text, LoopbackModelServer loopback) {
        String typed = text.substring(text.lastIndexOf("\n\n") + 1).strip();
        return loopback.knows(text) ? Optional.of(text) : loopback.knows(typed) ? Optional.of(typed) : Optional.empty();
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

    // The id Codex gave the last spawned agent: the spawn_agent call's output is {"agent_id": ...}.
    private static String spawnedAgent(List<JsonValue> input) {
        String spawnCall = "";
        String agent = "";
        for (JsonValue item : input) {
            String type = item.member("type").stringValue();
            if (type.equals("function_call") && item.member("name").stringValue().equals("spawn_agent")) {
                spawnCall = item.member("call_id").stringValue();
            } else if (type.equals("function_call_output") && !spawnCall.isEmpty()
                    && item.member("call_id").stringValue().equals(spawnCall)) {
                agent = new JsonReader().parse(item.member("output").stringValue().getBytes(StandardCharsets.UTF_8))
                        .member("agent_id").stringValue();
            }
        }
        return agent;
    }

    private void stream(HttpExchange exchange, String responseId, ModelReply reply, String spawnedAgent)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        sendEvent(out, "response.created", object("type", new JsonString("response.created"), "response",
                object("id", new JsonString(responseId), "status", new JsonString("in_progress"), "output",
                        new JsonArray(List.of()))));
        List<JsonValue> output = new ArrayList<>();
        for (int index = 0; index < reply.blocks().size(); index++) {
            ModelReply.Block block = reply.blocks().get(index);
            String itemId = responseId.replace("resp_", "item_") + "_" + index;
            JsonObject item = block.isToolUse()
                    ? functionCall(itemId, block.toolName(), JsonWriter.compact(block.toolInput())
                            .replace(SPAWNED_AGENT, spawnedAgent))
                    : object("type", new JsonString("message"), "role", new JsonString("assistant"), "id",
                            new JsonString(itemId), "content", new JsonArray(List.of(object("type",
                                    new JsonString("output_text"), "text", new JsonString(block.text())))));
            sendEvent(out, "response.output_item.added", object("type",
                    new JsonString("response.output_item.added"), "output_index", JsonNumber.of(index), "item", item));
            sendEvent(out, "response.output_item.done", object("type", new JsonString("response.output_item.done"),
                    "output_index", JsonNumber.of(index), "item", item));
            output.add(item);
        }
        // Copilot CLI's OpenAI SDK takes the reply from the completed response's output, Codex from the items.
        sendEvent(out, "response.completed", object("type", new JsonString("response.completed"), "response",
                object("id", new JsonString(responseId), "status", new JsonString("completed"), "output",
                        new JsonArray(output), "usage", usage(reply.usage()))));
    }

    private static JsonObject functionCall(String itemId, String name, String arguments) {
        Map<String, JsonValue> call = new LinkedHashMap<>();
        call.put("type", new JsonString("function_call"));
        call.put("id", new JsonString(itemId));
        call.put("call_id", new JsonString("call_" + itemId));
        call.put("name", new JsonString(name));
        call.put("arguments", new JsonString(arguments));
        if (MULTI_AGENT_TOOLS.contains(name)) {
            call.put("namespace", new JsonString(MULTI_AGENT_NAMESPACE));
        }
        return new JsonObject(call);
    }

    private static JsonObject usage(TokenUsage usage) {
        long input = usage.inputTokens() + usage.cacheReadTokens();
        return object("input_tokens", JsonNumber.of(input),
                "input_tokens_details", object("cached_tokens", JsonNumber.of(usage.cacheReadTokens())),
                "output_tokens", JsonNumber.of(usage.outputTokens()),
                "output_tokens_details", object("reasoning_tokens", JsonNumber.of(0)),
                "total_tokens", JsonNumber.of(input + usage.outputTokens()));
    }
}
