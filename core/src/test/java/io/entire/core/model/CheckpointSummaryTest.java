package io.entire.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.json.JsonReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CheckpointSummaryTest {
    @Test
    void theGoSpellingOfTheStorageFormatIsRead() {
        CheckpointSummary go = CheckpointSummary.fromJson(new JsonReader().parseObject("""
                {"checkpoint_id": "a3b2c4d5e6f7", "checkpoint_version": "v2-1", "strategy": "manual-commit",
                 "sessions": []}
                """.getBytes(StandardCharsets.UTF_8)));

        assertThat(go.checkpointsVersion()).contains("v2-1");
    }
}
