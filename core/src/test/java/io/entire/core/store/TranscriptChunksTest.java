package io.entire.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TranscriptChunksTest {
    @Test
    void chunkNamesFollowPrintfsZeroPaddedThreeDigits() {
        assertThat(TranscriptChunks.chunkName("full.jsonl", 0)).isEqualTo("full.jsonl");
        for (int index : new int[] {1, 9, 10, 99, 100, 999, 1000, 12345}) {
            assertThat(TranscriptChunks.chunkName("full.jsonl", index)).as("chunk %d", index)
                    .isEqualTo("full.jsonl." + String.format("%03d", index));
        }
    }
}
