package io.entire.core.agent.claudecode;

import io.entire.core.agent.JsonLinesTranscriptFormat;
import io.entire.core.agent.LineMark;
import io.entire.core.agent.RecordedWrite;
import io.entire.core.agent.TranscriptAnalysis;
import io.entire.core.agent.TranscriptPass;
import io.entire.core.agent.TranscriptPosition;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Claude Code's transcripts: append-only JSONL, so a part starts after a count of lines. */
final class ClaudeTranscriptFormat implements JsonLinesTranscriptFormat {
    @Override
    public TranscriptAnalysis analyze(Path transcript, TranscriptPosition from, Path workTree) {
        return ClaudeTranscript.analyze(transcript, lines(from), LineMark.START, workTree);
    }

    @Override
    public TranscriptAnalysis analyze(Path transcript, TranscriptPosition from, LineMark mark, Path workTree) {
        return ClaudeTranscript.analyze(transcript, lines(from), mark, workTree);
    }

    @Override
    public List<String> filesWritten(Path transcript, TranscriptPosition from, Path workTree) {
        return ClaudeTranscript.filesWritten(transcript, lines(from), workTree);
    }

    @Override
    public List<String> filesWritten(Path transcript, TranscriptPosition from, LineMark mark, Path workTree) {
        return ClaudeTranscript.filesWritten(transcript, lines(from), mark, workTree);
    }

    @Override
    public TranscriptPass startPass(TranscriptPosition from, Path workTree, OutputStream compact, String cliVersion) {
        return new ClaudeTranscriptPass(lines(from), workTree, compact, cliVersion);
    }

    @Override
    public long writeCompact(InputStream raw, OutputStream out, String cliVersion) {
        return CompactTranscript.write(raw, 0, out, cliVersion);
    }

    private long lines(TranscriptPosition position) {
        if (position.unit() != unit()) {
            throw new IllegalArgumentException("a Claude Code transcript is cut by lines, not at " + position);
        }
        return position.value();
    }

    @Override
    public Optional<OutputStream> recordedWrites(Consumer<RecordedWrite> consumer) {
        return Optional.of(RecordedWrites.sink(consumer));
    }

    @Override
    public boolean writesReadOnFromPrefix() {
        return true;
    }
}
