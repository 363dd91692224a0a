package io.entire.core.agent.opencode;

import io.entire.core.EntireException;
import io.entire.core.agent.RecordedWrite;
import io.entire.core.agent.TranscriptAnalysis;
import io.entire.core.agent.TranscriptFormat;
import io.entire.core.agent.TranscriptPass;
import io.entire.core.agent.TranscriptPosition;
import io.entire.core.agent.WorkTreePaths;
import io.entire.core.json.JsonFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * OpenCode sessions as Entire's plugin writes them: one exported document, rewritten whole at every turn's end, so a
 * part starts after a count of messages (see {@link OpenCodeSession}), never after a count of lines.
 */
final class OpenCodeTranscriptFormat implements TranscriptFormat {
    @Override
    public TranscriptPosition.Unit unit() {
        return TranscriptPosition.Unit.MESSAGE;
    }

    @Override
    public TranscriptPosition end(Path transcript) {
        if (!Files.isRegularFile(transcript)) {
            return position(0);
        }
        return position(OpenCodeSession.read(transcript).messages().size());
    }

    @Override
    public TranscriptAnalysis analyze(Path transcript, TranscriptPosition from, Path workTree) {
        OpenCodeSession session = OpenCodeSession.read(transcript);
        return OpenCodeSessionAnalyzer.analyze(session, messages(from), new WorkTreePaths(workTree),
                TranscriptPosition.endOfLines(transcript).value(), 0);
    }

    @Override
    public List<String> filesWritten(Path transcript, TranscriptPosition from, Path workTree) {
        return OpenCodeSessionAnalyzer.filesWritten(OpenCodeSession.read(transcript), messages(from),
                new WorkTreePaths(workTree));
    }

    @Override
    public TranscriptPass startPass(TranscriptPosition from, Path workTree, OutputStream compact, String cliVersion) {
        return new OpenCodeTranscriptPass(messages(from), workTree, compact, cliVersion);
    }

    @Override
    public Optional<OutputStream> recordedWrites(Consumer<RecordedWrite> consumer) {
        return Optional.of(new OpenCodeRecordedWrites(consumer));
    }

    @Override
    public long writeCompact(InputStream raw, OutputStream out, String cliVersion) {
        try {
            return OpenCodeCompactTranscript.write(OpenCodeSession.parse(raw.readAllBytes()).messages(), out,
                    cliVersion);
        } catch (IOException | JsonFormatException e) {
            throw new EntireException(EntireException.Category.STORAGE, "cannot read a stored OpenCode session: "
                    + e.getMessage(), e);
        }
    }

    private int messages(TranscriptPosition position) {
        if (position.unit() != unit()) {
            throw new IllegalArgumentException("an OpenCode session is cut by messages, not at " + position);
        }
        return Math.toIntExact(position.value());
    }
}
