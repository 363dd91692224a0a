package io.entire.core.store.v2;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.id.CheckpointId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GenerationTest {
    @Test
    void theGoToolsZeroTimeMeansUnsetSoTheFirstCheckpointSetsTheSpan() {
        Generation seeded = Generation.parse("""
                {"checkpoints": [], "oldest_checkpoint_at": "0001-01-01T00:00:00Z",
                 "newest_checkpoint_at": "0001-01-01T00:00:00Z"}
                """.getBytes(StandardCharsets.UTF_8));

        assertThat(seeded.oldest()).isEmpty();
        assertThat(seeded.newest()).isEmpty();
        Instant created = Instant.parse("2026-02-15T16:08:35Z");
        Generation first = seeded.with(CheckpointId.of("a3b2c4d5e6f7"), created);
        assertThat(first.oldest()).contains(created);
        assertThat(first.newest()).contains(created);
    }
}
