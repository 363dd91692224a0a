package io.entire.core.agent;

import java.nio.file.Path;

/**
 * A format of append-only JSON lines (Claude Code's, Codex's and Copilot CLI's transcripts): positions count lines,
 * and the end is found by reading on from the last mark, since the lines before it never change.
 */
public interface JsonLinesTranscriptFormat extends TranscriptFormat {
    @Override
    default TranscriptPosition.Unit unit() {
        return TranscriptPosition.Unit.LINE;
    }

    @Override
    default TranscriptPosition end(Path transcript) {
        return TranscriptPosition.endOfLines(transcript);
    }

    @Override
    default TranscriptEnd endMarked(Path transcript) {
        return TranscriptPosition.endOfLinesMarked(transcript);
    }

    @Override
    default TranscriptEnd endMarked(Path transcript, LineMark known) {
        return TranscriptPosition.endOfLinesMarked(transcript, known);
    }
}
