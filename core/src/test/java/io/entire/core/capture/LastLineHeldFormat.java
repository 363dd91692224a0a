package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.Subagent;
import io.entire.core.agent.TranscriptAnalysis;
import io.entire.core.agent.TranscriptFormat;
import io.entire.core.agent.TranscriptPass;
import io.entire.core.agent.TranscriptPosition;
import io.entire.core.json.JsonValue;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * An agent's transcript format whose pass holds the transcript's last line until {@code released} holds (checked
 * every few milliseconds, for at most ten seconds, then the pass fails): what a preparation does meanwhile is seen.
 */
final class LastLineHeldFormat implements TranscriptFormat {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final TranscriptFormat format;
    private final long lastLine;
    private final BooleanSupplier released;

    LastLineHeldFormat(TranscriptFormat format, long lastLine, BooleanSupplier released) {
        this.format = requireNonNull(format, "format is null");
        this.lastLine = lastLine;
        this.released = requireNonNull(released, "released is null");
    }

    @Override
    public TranscriptPosition.Unit unit() {
        return format.unit();
    }

    @Override
    public TranscriptPosition end(Path transcript) {
        return format.end(transcript);
    }

    @Override
    public TranscriptAnalysis analyze(Path transcript, TranscriptPosition from, Path workTree) {
        return format.analyze(transcript, from, workTree);
    }

    @Override
    public List<String> filesWritten(Path transcript, TranscriptPosition from, Path workTree) {
        return format.filesWritten(transcript, from, workTree);
    }

    @Override
    public long writeCompact(InputStream raw, OutputStream out, String cliVersion) {
        return format.writeCompact(raw, out, cliVersion);
    }

    @Override
    public TranscriptPass startPass(TranscriptPosition from, Path workTree, OutputStream compact, String cliVersion) {
        TranscriptPass pass = format.startPass(from, workTree, compact, cliVersion);
        return new TranscriptPass() {
            @Override
            public boolean wants(long lineNumber) {
                return pass.wants(lineNumber);
            }

            @Override
            public void accept(JsonValue line, long lineNumber) {
                if (lineNumber == lastLine) {
                    awaitRelease();
                }
                pass.accept(line, lineNumber);
            }

            @Override
            public void skip(long lineNumber) {
                pass.skip(lineNumber);
            }

            @Override
            public TranscriptAnalysis finish(long lineCount) {
                return pass.finish(lineCount);
            }

            @Override
            public List<Subagent> subagents(Path transcript) {
                return pass.subagents(transcript);
            }
        };
    }

    private void awaitRelease() {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!released.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the last line was held for " + PATIENCE + " in vain");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while holding the last line", e);
            }
        }
    }
}
