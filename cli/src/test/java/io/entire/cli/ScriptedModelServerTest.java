package io.entire.cli;

import static io.entire.cli.ModelReply.calls;
import static io.entire.cli.ModelReply.input;
import static io.entire.cli.ModelReply.say;
import static io.entire.cli.ModelReply.tool;
import static io.entire.cli.ModelReply.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptedModelServerTest {
    private static final String PROMPT = "Add a greeting file";
    private static final String TOOLS = "\"tools\":[{\"name\":\"Write\",\"input_schema\":{}}]";
    private static final ModelScript SCRIPT = ModelScript.of(PROMPT, List.of(
            calls(usage(10, 200, 0, 30), tool("Write", input("file_path", "/repo/greeting.txt", "content", "Hello\n"))),
            say("Done.", usage(12, 40, 200, 8))));

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void streamsEachReplyOfTheConversationAsTheApiStreamsIt() throws Exception {
        try (ScriptedModelServer server = new ScriptedModelServer(SCRIPT, 10, Duration.ofMinutes(1))) {
            HttpResponse<String> first = post(server, "{\"model\":\"m\",\"stream\":true," + TOOLS
                    + ",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"<system-reminder>"
                    + "x</system-reminder>\"},{\"type\":\"text\",\"text\":\"" + PROMPT + "\"}]}]}");
            HttpResponse<String> second = post(server, "{\"model\":\"m\",\"stream\":true," + TOOLS
                    + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"},{\"role\":\"assistant\","
                    + "\"content\":[]},{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\"}]}]}");

            assertThat(first.headers().firstValue("content-type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("text/event-stream"));
            assertThat(eventNames(first.body())).containsExactly("message_start", "content_block_start",
                    "content_block_delta", "content_block_stop", "message_delta", "message_stop");
            JsonObject delta = event(first.body(), "message_delta");
            assertThat(delta.member("delta").member("stop_reason").stringValue()).isEqualTo("tool_use");
            assertThat(delta.member("usage").member("output_tokens").truncatedLong()).isEqualTo(30);
            assertThat(delta.member("usage").member("cache_creation_input_tokens").truncatedLong()).isEqualTo(200);
            assertThat(event(first.body(), "content_block_delta").member("delta").member("partial_json")
                    .stringValue()).isEqualTo("{\"file_path\":\"/repo/greeting.txt\",\"content\":\"Hello\\n\"}");
            assertThat(event(second.body(), "content_block_delta").member("delta").member("text").stringValue())
                    .isEqualTo("Done.");
            assertThat(server.problems()).isEmpty();
        }
    }

    @Test
    void answersSideRequestsBrieflyAndReportsTheOnesTheScriptCannotAnswer() throws Exception {
        try (ScriptedModelServer server = new ScriptedModelServer(SCRIPT, 10, Duration.ofMinutes(1))) {
            HttpResponse<String> title = post(server, "{\"model\":\"haiku\",\"messages\":[{\"role\":\"user\","
                    + "\"content\":\"" + PROMPT + "\"}]}");
            HttpResponse<String> beyond = post(server, "{\"model\":\"m\"," + TOOLS + ",\"messages\":[{\"role\":"
                    + "\"user\",\"content\":\"" + PROMPT + "\"},{\"role\":\"assistant\",\"content\":[]},{\"role\":"
                    + "\"assistant\",\"content\":[]}]}");

            assertThat(new JsonReader().parseObject(title.body().getBytes(StandardCharsets.UTF_8)).member("usage")
                    .member("output_tokens").truncatedLong()).isEqualTo(LoopbackModelServer.SIDE_USAGE.outputTokens());
            assertThat(beyond.statusCode()).isEqualTo(200);
            assertThat(server.problems()).singleElement().asString().contains("no reply 3 to \"" + PROMPT + "\"");
            assertThat(server.log()).contains("side request");
        }
    }

    @Test
    void refusesAndReportsABodyThatIsNotJson() throws Exception {
        try (ScriptedModelServer server = new ScriptedModelServer(SCRIPT, 10, Duration.ofMinutes(1))) {
            assertThat(post(server, "{\"model\":").statusCode()).isEqualTo(400);
            assertThat(server.problems()).singleElement().asString().contains("not a JSON object");
        }
    }

    @Test
    void refusesRequestsOverItsLimit() throws Exception {
        try (ScriptedModelServer server = new ScriptedModelServer(SCRIPT, 1, Duration.ofMinutes(1))) {
            String body = "{\"model\":\"haiku\",\"messages\":[]}";
            assertThat(post(server, body).statusCode()).isEqualTo(200);

            assertThat(post(server, body).statusCode()).isEqualTo(400);
            assertThat(server.problems()).singleElement().asString().contains("over the limit of 1 requests");
        }
    }

    @Test
    void stopsByItselfWhenItsLifetimeIsOver() throws Exception {
        try (ScriptedModelServer server = new ScriptedModelServer(SCRIPT, 10, Duration.ofMillis(100))) {
            assertThat(server.awaitStopped(Duration.ofSeconds(30))).isTrue();

            assertThatThrownBy(() -> post(server, "{}")).isInstanceOf(ConnectException.class);
            assertThat(server.log()).contains("lifetime");
        }
    }

    private HttpResponse<String> post(ScriptedModelServer server, String body) throws IOException,
            InterruptedException {
        return client.send(HttpRequest.newBuilder(server.baseUrl().resolve("/v1/messages?beta=true"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> eventNames(String stream) {
        return stream.lines().filter(line -> line.startsWith("event: ")).map(line -> line.substring(7)).toList();
    }

    private static JsonObject event(String stream, String name) {
        List<String> lines = stream.lines().toList();
        int index = lines.indexOf("event: " + name);
        return new JsonReader().parseObject(lines.get(index + 1).substring("data: ".length())
                .getBytes(StandardCharsets.UTF_8));
    }
}
