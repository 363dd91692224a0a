package io.entire.core.agent.claudecode;

import io.entire.core.agent.TranscriptAnalysis;
import io.entire.core.agent.TranscriptFormat;
import io.entire.core.agent.TranscriptPass;
import io.entire.core.agent.TranscriptPosition;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Claude Code's transcripts: append-only JSONL, so a part starts after a count of lines. */
final class ClaudeTranscriptFormat implements TranscriptFormat {
    @Override
    public TranscriptPosition.Unit unit() {
        return TranscriptPosition.Unit.LINE;
    }

    /** Lines in the transcript now, counted as the transcript readers count them (a last line without '\n' too). */
    @Override
    public TranscriptPosition end(Path transcript) {
        if (!Files.isRegularFile(transcript)) {
            return position(0);
        }
        try (InputStream in = Files.newInputStream(transcript)) {
            byte[] buffer = new byte[1 << 16];
            long lines = 0;
            int last = '\n';
            int read;
            while ((read = in.read(buffer)) > 0) {
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
                last = buffer[read - 1];
            }
            return position(last == '\n' ? lines : lines + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("reading transcript " + transcript, e);
        }
    }

    @Override
    public TranscriptAnalysis analyze(Path transcript, TranscriptPosition from, Path workTree) {
        return ClaudeTranscript.analyze(transcript, lines(from), workTree);
    }

    @Override
    public List<String> filesWritten(Path transcript, TranscriptPosition from, Path workTree) {
        return ClaudeTranscript.filesWritten(transcript, lines(from), workTree);
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
}
