package io.entire.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entire.core.git.Git;
import io.entire.core.model.CheckpointSummary;
import io.entire.core.model.SessionMetadata;
import io.entire.core.testing.TestRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonRoundTripTest {
    @TempDir
    Path temp;

    @Test
    void everyRealMetadataFileRewritesByteForByte() {
        Git git = new Git(TestRepository.upstreamSample(temp.resolve("sample")).workTree());
        List<String> paths = git.run("ls-tree", "-r", "--name-only", "entire/checkpoints/v1").text().lines()
                .filter(path -> path.endsWith("metadata.json")).toList();
        assertThat(paths).hasSizeGreaterThan(90);
        JsonReader reader = new JsonReader();
        for (String path : paths) {
            byte[] original = git.run("cat-file", "blob", "entire/checkpoints/v1:" + path).stdout();
            JsonObject json = reader.parseObject(original);
            JsonObject rewritten = path.split("/").length == 3
                    ? CheckpointSummary.fromJson(json).toJson()
                    : SessionMetadata.fromJson(json).toJson();
            assertThat(new String(JsonWriter.pretty(rewritten), StandardCharsets.UTF_8)).as(path)
                    .isEqualTo(new String(original, StandardCharsets.UTF_8));
        }
    }

    @Test
    void unknownKeysSurviveAChangeOfKnownOnes() {
        String stored = "{\n  \"checkpoint_id\": \"a3b2c4d5e6f7\",\n  \"session_id\": \"s-1\",\n"
                + "  \"created_at\": \"2026-10-01T19:12:01.19884Z\",\n  \"files_touched\": [],\n"
                + "  \"future_key\": {\"nested\": [1, 2.50, true, null]},\n  \"model\": \"\"\n}\n";
        SessionMetadata metadata = SessionMetadata.fromJson(new JsonReader().parseObject(
                stored.getBytes(StandardCharsets.UTF_8)));
        SessionMetadata changed = new SessionMetadata(metadata.cliVersion(), metadata.checkpointId(),
                metadata.sessionId(), metadata.strategy(), metadata.createdAt(), metadata.branch(), 3,
                List.of("b.txt", "a.txt"), metadata.agent(), "claude-opus-4-6", metadata.turnId(), false,
                metadata.toolUseId(), metadata.transcriptIdentifierAtStart(), 0, 0, metadata.tokenUsage(),
                metadata.initialAttribution(), metadata.linkedCommit(), metadata.source());
        String written = new String(JsonWriter.pretty(changed.toJson()), StandardCharsets.UTF_8);
        assertThat(written).contains("\"future_key\": {\n    \"nested\": [\n      1,\n      2.50,\n      true,\n"
                + "      null\n    ]\n  }");
        assertThat(written).contains("\"checkpoints_count\": 3").contains("\"model\": \"claude-opus-4-6\"");
        assertThat(written.indexOf("\"created_at\"")).isLessThan(written.indexOf("\"checkpoints_count\""));
        assertThat(written.indexOf("\"checkpoints_count\"")).isLessThan(written.indexOf("\"files_touched\""));
        assertThat(written).contains("\"a.txt\",\n    \"b.txt\"");
    }

    @Test
    void escapesLikeGo() {
        JsonObject object = new JsonObject(Map.of("k", new JsonString("<a href=\"x\">&\u2028\u0001\tü😀</a>")));
        assertThat(JsonWriter.compact(object))
                .isEqualTo("{\"k\":\"\\u003ca href=\\\"x\\\"\\u003e\\u0026\\u2028\\u0001\\tü😀\\u003c/a\\u003e\"}");
        assertThat(new String(JsonWriter.pretty(new JsonObject(Map.of("e", new JsonArray(List.of())))),
                StandardCharsets.UTF_8)).isEqualTo("{\n  \"e\": []\n}\n");
    }

    @Test
    void unpairedSurrogatesBecomeTheReplacementCharacterAsGoDecodesThem() {
        JsonString text = new JsonString("pair 😀, lone \ud800x and \udc00, escaped <");

        assertThat(JsonWriter.compact(text)).isEqualTo("\"pair 😀, lone \ufffdx and \ufffd, escaped \\u003c\"");
    }

    @Test
    void malformedJsonIsAClearError() {
        JsonReader reader = new JsonReader();
        assertThatThrownBy(() -> reader.parseObject("{\"a\": ".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(JsonFormatException.class).hasMessageContaining("malformed JSON");
        assertThatThrownBy(() -> reader.parseObject("[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(JsonFormatException.class).hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> reader.parseObject("{} {}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(JsonFormatException.class);
    }
}
