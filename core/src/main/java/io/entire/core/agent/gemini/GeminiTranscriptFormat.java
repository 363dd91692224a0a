package io.entire.core.agent.gemini;

import io.entire.core.EntireException;
import io.entire.core.agent.RecordedWrite;
import io.entire.core.agent.TranscriptAnalysis;
import io.entire.core.agent.TranscriptFormat;
import io.entire.core.agent.TranscriptPass;
import io.entire.core.agent.TranscriptPosition;
import io.entire.core.agent.WorkTreePaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Gemini CLI's chat files: rewritten in place by {@code $set} and {@code $rewindTo} records, so a part starts after a
 * count of messages of the rebuilt list (see {@link GeminiChat}), never after a count of lines.
 */
final class GeminiTranscriptFormat implements TranscriptFormat {
    @Override
    public TranscriptPosition.Unit unit() {
        return TranscriptPosition.Unit.MESSAGE;
    }

    @Override
    public TranscriptPosition end(Path transcript) {
        if (!Files.isRegularFile(transcript)) {
            return position(0);
        }
        return position(GeminiChat.read(transcript).messages().size());
    }

    @Override
    public TranscriptAnalysis analyze(Path transcript, TranscriptPosition from, Path workTree) {
        GeminiChat chat = GeminiChat.read(transcript);
        return GeminiChatAnalyzer.analyze(chat, messages(from), new WorkTreePaths(workTree), chat.lineCount());
    }

    @Override
    public List<String> filesWritten(Path transcript, TranscriptPosition from, Path workTree) {
        return GeminiChatAnalyzer.filesWritten(GeminiChat.read(transcript), messages(from),
                new WorkTreePaths(workTree));
    }

    @Override
    public TranscriptPass startPass(TranscriptPosition from, Path workTree, OutputStream compact, String cliVersion) {
        return new GeminiTranscriptPass(messages(from), workTree, compact, cliVersion);
    }

    @Override
    public Optional<OutputStream> recordedWrites(Consumer<RecordedWrite> consumer) {
        return Optional.of(new GeminiRecordedWrites(consumer));
    }

    @Override
    public long writeCompact(InputStream raw, OutputStream out, String cliVersion) {
        try {
            return GeminiCompactTranscript.write(GeminiChat.parse(raw.readAllBytes()).messages(), out, cliVersion);
        } catch (IOException e) {
            throw new EntireException(EntireException.Category.STORAGE, "cannot read a stored Gemini CLI chat: "
                    + e.getMessage(), e);
        }
    }

    private int messages(TranscriptPosition position) {
        if (position.unit() != unit()) {
            throw new IllegalArgumentException("a Gemini CLI chat is cut by messages, not at " + position);
        }
        return Math.toIntExact(position.value());
    }
}
