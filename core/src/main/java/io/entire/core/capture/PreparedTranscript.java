package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.Log;
import io.entire.core.ScratchFiles;
import io.entire.core.agent.claudecode.ClaudeTranscript;
import io.entire.core.agent.claudecode.CompactTranscript;
import io.entire.core.agent.claudecode.SubagentLink;
import io.entire.core.agent.claudecode.SubagentLinks;
import io.entire.core.agent.claudecode.TranscriptAnalysis;
import io.entire.core.json.JsonLinesReader;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonValue;
import io.entire.core.redact.RedactionResult;
import io.entire.core.redact.Redactor;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A session transcript made ready to store: redacted as a whole (the stored {@code full.jsonl}), its compact form and
 * its analysis from the checkpoint's start line on. One pass over the transcript makes all three: each line is
 * redacted, written, and (within the slice) parsed once, on a second thread, for both the compact form and the
 * analysis. The two files are scratch files; close to delete them.
 */
final class PreparedTranscript implements AutoCloseable {
    private static final System.Logger LOG = Log.of(PreparedTranscript.class);
    private static final int BUFFER = 1 << 16;

    private final Path redacted;
    private final Path compact;
    private final TranscriptAnalysis analysis;
    private final RedactionResult redaction;
    private final List<SubagentLink> subagents;

    private PreparedTranscript(Path redacted, Path compact, TranscriptAnalysis analysis, RedactionResult redaction,
            List<SubagentLink> subagents) {
        this.redacted = redacted;
        this.compact = compact;
        this.analysis = analysis;
        this.redaction = redaction;
        this.subagents = List.copyOf(subagents);
    }

    /** Prepares {@code transcript} (or an empty one when the agent never wrote it) from line {@code start} on. */
    static PreparedTranscript prepare(Optional<Path> transcript, long start, Path scratch, Path workTree,
            String cliVersion) {
        requireNonNull(transcript, "transcript is null");
        if (start < 0) {
            throw new IllegalArgumentException("negative start line " + start);
        }
        try {
            Path redacted = ScratchFiles.create(scratch, "transcript", ".jsonl");
            Path compact = ScratchFiles.create(scratch, "compact", ".jsonl");
            try {
                ClaudeTranscript.Analyzer analyzer = new ClaudeTranscript.Analyzer(workTree);
                SubagentLinks subagents = new SubagentLinks();
                RedactionResult redaction = new RedactionResult(0, 0, 0);
                // Buffered: both are written a line at a time, two writes a line, 1,400 system calls per MB.
                try (OutputStream compactOut = new BufferedOutputStream(Files.newOutputStream(compact), BUFFER)) {
                    CompactTranscript.Converter converter = new CompactTranscript.Converter(compactOut, cliVersion);
                    if (transcript.isPresent() && Files.isRegularFile(transcript.get())) {
                        JsonReader json = new JsonReader();
                        Redactor.LineSink parse = (line, length, number) -> {
                            Optional<JsonValue> parsed = json.findValue(line, 0, length);
                            if (parsed.isPresent()) {
                                converter.accept(parsed.get());
                                analyzer.accept(parsed.get(), number);
                                subagents.accept(parsed.get());
                            } else {
                                analyzer.skip();
                            }
                        };
                        // Redaction here, parsing on a thread of its own: each took about half of the time.
                        try (InputStream in = Files.newInputStream(transcript.get());
                                OutputStream out = new BufferedOutputStream(Files.newOutputStream(redacted),
                                        BUFFER);
                                LineHandoff handoff = LineHandoff.start("transcript-parsing", parse)) {
                            redaction = new Redactor().redactJsonl(in, out, (line, length, number) -> {
                                if (number > start && !JsonLinesReader.isBlank(line, length)) {
                                    handoff.accept(line, length, number);
                                }
                            });
                            handoff.finish();
                        }
                    }
                    converter.finish();
                }
                return new PreparedTranscript(redacted, compact, analyzer.result(redaction.linesIn()), redaction,
                        subagents.links());
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

    RedactionResult redaction() {
        return redaction;
    }

    /** The subagents the slice launched. */
    List<SubagentLink> subagents() {
        return subagents;
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
            LOG.log(Level.WARNING, "could not delete scratch file " + file + ": " + e.getMessage());
        }
    }
}
