package io.entire.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** {@code initial_attribution} in a session's metadata: ours read back as written, the Go tool's kept as it is. */
class InitialAttributionTest {
    private static final String SESSION = "{\n  \"checkpoint_id\": \"a3b2c4d5e6f7\",\n  \"session_id\": \"s-1\",\n"
            + "  \"strategy\": \"manual-commit\",\n  \"created_at\": \"2026-10-01T19:12:01.19884Z\",\n"
            + "  \"checkpoints_count\": 1,\n  \"files_touched\": [],\n  \"model\": \"\"";

    @Test
    void theGoToolsTotalsAreKeptAsTheyAreAndLeaveBlameToTheTranscript() {
        String stored = SESSION + ",\n  \"initial_attribution\": {\n    \"calculated_at\": \"2026-01-02T03:04:05Z\",\n"
                + "    \"agent_lines\": 12,\n    \"human_added\": 3,\n    \"total_committed\": 15,\n"
                + "    \"agent_percentage\": 80,\n    \"metric_version\": 2\n  }\n}\n";

        SessionMetadata metadata = read(stored);

        assertThat(metadata.initialAttribution()).as("no spans to judge lines by").isEmpty();
        assertThat(write(metadata)).isEqualTo(stored);
    }

    @Test
    void oursIsReadBackAsWrittenAndAFinalizationWithoutOneKeepsIt() {
        InitialAttribution attribution = new InitialAttribution(Instant.parse("2026-12-05T00:10:00Z"),
                "4b825dc642cb6eb9a060e54bf8d69288fbef4904", List.of("Write the greeter"),
                List.of(new AttributedFile("greet.py", 3, 1, List.of(new LineSpan(4, 4, OptionalInt.of(0))),
                        List.of(new LineSpan(3, 3, OptionalInt.empty())))));
        String written = write(read(SESSION + "\n}\n").withInitialAttribution(attribution));

        assertThat(written).contains("\"agent_lines\": 1,\n    \"human_added\": 1,\n    \"human_modified\": 1,\n"
                + "    \"human_removed\": 0,\n    \"total_committed\": 3,\n    \"agent_percentage\": 33.3,");
        assertThat(read(written).initialAttribution()).contains(attribution);
        SessionMetadata finalization = read(SESSION + "\n}\n").withSource(read(written).source());
        assertThat(write(finalization)).isEqualTo(written);
    }

    @Test
    void malformedSpansAreReadAsNoAttribution() {
        String stored = SESSION + ",\n  \"initial_attribution\": {\"calculated_at\": \"2026-01-02T03:04:05Z\", "
                + "\"tree\": \"abc\", \"files\": [{\"path\": \"a\", \"added_lines\": 1, "
                + "\"agent\": [{\"start\": 3, \"end\": 1}]}]}\n}\n";

        assertThat(read(stored).initialAttribution()).isEmpty();
    }

    private static SessionMetadata read(String json) {
        return SessionMetadata.fromJson(new JsonReader().parseObject(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static String write(SessionMetadata metadata) {
        JsonObject json = metadata.toJson();
        return new String(JsonWriter.pretty(json), StandardCharsets.UTF_8);
    }
}
