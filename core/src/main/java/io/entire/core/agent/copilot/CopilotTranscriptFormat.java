package io.entire.core.agent.copilot;

import io.entire.core.agent.JsonLinesTranscriptFormat;
import io.entire.core.agent.LineMark;
import io.entire.core.agent.RecordedWrite;
import io.entire.core.agent.TranscriptAnalysis;
import io.entire.core.agent.TranscriptPass;
import io.entire.core.agent.TranscriptPosition;
import io.entire.core.json.JsonLinesReader;
import io.entire.core.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Copilot CLI's session logs: append-only JSONL, so a part starts after a count of lines. */
final class CopilotTranscriptFormat implements JsonLinesTranscriptFormat {
    @Override
    public TranscriptAnalysis analyze(Path transcript, TranscriptPosition from, Path workTree) {
        return CopilotEventLog.analyze(transcript, lines(from), workTree);
    }

    @Override
    public TranscriptAnalysis analyze(Path transcript, TranscriptPosition from, LineMark mark, Path workTree) {
        return CopilotEventLog.analyze(transcript, lines(from), mark, workTree);
    }

    @Override
    public List<String> filesWritten(Path transcript, TranscriptPosition from, Path workTree) {
        return CopilotEventLog.analyze(transcript, lines(from), workTree).filesTouched();
    }

    @Override
    public List<String> filesWritten(Path transcript, TranscriptPosition from, LineMark mark, Path workTree) {
        return CopilotEventLog.analyze(transcript, lines(from), mark, workTree).filesTouched();
    }

    @Override
    public TranscriptPass startPass(TranscriptPosition from, Path workTree, OutputStream compact, String cliVersion) {
        return new CopilotTranscriptPass(lines(from), workTree, compact, cliVersion);
    }

    @Override
    public Optional<OutputStream> recordedWrites(Consumer<RecordedWrite> consumer) {
        return Optional.of(CopilotRecordedWrites.sink(consumer));
    }

    @Override
    public long writeCompact(InputStream raw, OutputStream out, String cliVersion) {
        CopilotCompactTranscript compact = new CopilotCompactTranscript(out, cliVersion);
        JsonReader json = new JsonReader();
        JsonLinesReader lines = new JsonLinesReader(raw);
        try {
            while (lines.next()) {
                if (!lines.isBlank()) {
                    json.findValue(lines.bytes(), 0, lines.length()).ifPresent(compact::accept);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading a stored Copilot CLI session log", e);
        }
        return compact.finish();
    }

    private long lines(TranscriptPosition position) {
        if (position.unit() != unit()) {
            throw new IllegalArgumentException("a Copilot CLI session log is cut by lines, not at " + position);
        }
        return position.value();
    }
}
