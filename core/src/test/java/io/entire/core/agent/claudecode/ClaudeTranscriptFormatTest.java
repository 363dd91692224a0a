package io.entire.core.agent.claudecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entire.core.agent.Agents;
import io.entire.core.agent.TranscriptFormat;
import io.entire.core.agent.TranscriptPosition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Claude Code's transcripts are cut by lines, counted as the readers count them. */
class ClaudeTranscriptFormatTest {
    private static final String PROMPT = "{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"%s\"}}";

    private final TranscriptFormat format = Agents.bySlug("claude-code").transcriptFormat();

    @TempDir
    Path temp;

    @Test
    void theEndCountsALastLineWithoutNewlineAndAMissingFileEndsAtTheStart() throws IOException {
        Path transcript = Files.writeString(temp.resolve("t.jsonl"),
                PROMPT.formatted("one") + "\n\n" + PROMPT.formatted("two"));

        assertThat(format.end(transcript)).isEqualTo(new TranscriptPosition(TranscriptPosition.Unit.LINE, 3));
        assertThat(format.end(temp.resolve("missing.jsonl"))).isEqualTo(format.position(0));
    }

    @Test
    void aPartStartsAfterItsLinesAndAMessageIndexIsRefused() throws IOException {
        Path transcript = Files.writeString(temp.resolve("t.jsonl"),
                PROMPT.formatted("one") + "\n" + PROMPT.formatted("two") + "\n");

        assertThat(format.analyze(transcript, format.position(1), temp).prompts()).containsExactly("two");
        assertThat(format.analyze(transcript, format.position(1), temp).end()).isEqualTo(format.position(2));
        assertThatThrownBy(() -> format.analyze(transcript,
                new TranscriptPosition(TranscriptPosition.Unit.MESSAGE, 1), temp))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cut by lines");
    }
}
