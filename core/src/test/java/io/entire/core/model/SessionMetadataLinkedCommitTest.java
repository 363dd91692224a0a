package io.entire.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionMetadataLinkedCommitTest {
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    private static SessionMetadata session() {
        return SessionMetadata.create("1.0.0", CheckpointId.of("a3b2c4d5e6f7"),
                SessionId.of("75c838dd-10e3-40cf-8df3-17f9955149f8"), Instant.parse("2026-02-06T05:12:40Z"),
                Optional.empty(), List.of("a.go"), Optional.of("Claude Code"), "claude-opus-4-6", 0, TokenUsage.ZERO);
    }

    @Test
    void aRecordedCommitIsWrittenLastAndReadBack() {
        String written = JsonWriter.prettyText(session().withLinkedCommit(COMMIT).toJson());

        assertThat(written).endsWith("\"linked_commit\": \"" + COMMIT + "\"\n}\n");
        SessionMetadata read = SessionMetadata.fromJson(new JsonReader().parseObject(
                written.getBytes(StandardCharsets.UTF_8)));
        assertThat(read.linkedCommit()).contains(COMMIT);
        assertThat(JsonWriter.prettyText(read.toJson())).isEqualTo(written);
        assertThat(JsonWriter.prettyText(session().toJson())).doesNotContain("linked_commit");
    }

    @Test
    void onlyAFullCommitIdIsALinkAndAStoredValueThatIsNoneIsReadAsNone() {
        assertThat(SessionMetadata.isFullCommitId(COMMIT)).isTrue();
        assertThat(SessionMetadata.isFullCommitId(COMMIT + COMMIT.substring(0, 24))).as("SHA-256").isTrue();
        assertThat(SessionMetadata.isFullCommitId(COMMIT.substring(1))).isFalse();
        assertThat(SessionMetadata.isFullCommitId(COMMIT.toUpperCase(Locale.ROOT))).isFalse();
        assertThatThrownBy(() -> session().withLinkedCommit("HEAD")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'HEAD' is no full commit id");
        String stored = JsonWriter.prettyText(session().toJson()).replace("\"model\"", "\"linked_commit\": \"HEAD\",\n"
                + "  \"model\"");
        assertThat(SessionMetadata.fromJson(new JsonReader().parseObject(stored.getBytes(StandardCharsets.UTF_8)))
                .linkedCommit()).isEmpty();
    }
}
