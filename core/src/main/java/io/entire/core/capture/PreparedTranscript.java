package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.claudecode.ClaudeTranscript;
import io.entire.core.agent.claudecode.CompactTranscript;
import io.entire.core.agent.claudecode.TranscriptAnalysis;
import io.entire.core.redact.Redactor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A session transcript made ready to store: redacted as a whole (the stored {@code full.jsonl}), its compact form and
 * its analysis from the checkpoint's start line on. The two files are scratch files; close to delete them.
 */
final class PreparedTranscript implements AutoCloseable {
    private final Path redacted;
    private final Path compact;
    private final TranscriptAnalysis analysis;

    private PreparedTranscript(Path redacted, Path compact, TranscriptAnalysis analysis) {
        this.redacted = redacted;
        this.compact = compact;
        this.analysis = analysis;
    }

    /** Prepares {@code transcript} (or an empty one when the agent never wrote it) from line {@code start} on. */
    static PreparedTranscript prepare(Optional<Path> transcript, long start, Path scratch, Path workTree,
            String cliVersion) {
        requireNonNull(transcript, "transcript is null");
        try {
            Files.createDirectories(scratch);
            Path redacted = Files.createTempFile(scratch, "transcript", ".jsonl");
            Path compact = Files.createTempFile(scratch, "compact", ".jsonl");
            try {
                if (transcript.isPresent() && Files.isRegularFile(transcript.get())) {
                    try (InputStream in = Files.newInputStream(transcript.get());
                            OutputStream out = Files.newOutputStream(redacted)) {
                        new Redactor().redactJsonl(in, out);
                    }
                }
                try (InputStream in = Files.newInputStream(redacted);
                        OutputStream out = Files.newOutputStream(compact)) {
                    CompactTranscript.write(in, start, out, cliVersion);
                }
                return new PreparedTranscript(redacted, compact, ClaudeTranscript.analyze(redacted, start, workTree));
            } catch (IOException | RuntimeException e) {
                delete(redacted);
                delete(compact);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("preparing transcript " + transcript.map(Path::toString).orElse("(none)"),
                    e);
        }
    }

    Path redacted() {
        return redacted;
    }

    Path compact() {
        return compact;
    }

    TranscriptAnalysis analysis() {
        return analysis;
    }

    @Override
    public void close() {
        delete(redacted);
        delete(compact);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            System.getLogger(PreparedTranscript.class.getName()).log(System.Logger.Level.WARNING,
                    "could not delete scratch file " + file + ": " + e.getMessage());
        }
    }
}
