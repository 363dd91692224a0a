package io.entire.core.agent.external;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;
import io.entire.core.Log;
import io.entire.core.agent.TranscriptAnalysis;
import io.entire.core.agent.TranscriptFormat;
import io.entire.core.agent.TranscriptPass;
import io.entire.core.agent.TranscriptPosition;
import io.entire.core.agent.WorkTreePaths;
import io.entire.core.model.TokenUsage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * An external agent's transcripts, read by its binary: positions are the numbers its
 * {@code get-transcript-position} gives (lines of a JSONL transcript, for the agents the protocol was made for), the
 * part after one is what {@code extract-prompts}, {@code extract-modified-files} and {@code calculate-tokens} report,
 * and its compact form what {@code compact-transcript} writes, when the binary declares that capability. The binary
 * only ever reads redacted scratch copies.
 */
final class ExternalTranscriptFormat implements TranscriptFormat {
    private static final System.Logger LOG = Log.of(ExternalTranscriptFormat.class);
    private static final String COMPACT_CAPABILITY = "compact_transcript";

    private final ExternalAgent agent;

    ExternalTranscriptFormat(ExternalAgent agent) {
        this.agent = requireNonNull(agent, "agent is null");
    }

    @Override
    public TranscriptPosition.Unit unit() {
        return TranscriptPosition.Unit.LINE;
    }

    @Override
    public TranscriptPosition end(Path transcript) {
        if (!Files.isRegularFile(transcript)) {
            return position(0);
        }
        return position(agent.binaryIn(agent.workingDirectory()).transcriptPosition(transcript));
    }

    @Override
    public TranscriptAnalysis analyze(Path transcript, TranscriptPosition from, Path workTree) {
        if (!Files.isRegularFile(transcript)) {
            return TranscriptAnalysis.empty(from);
        }
        byte[] content;
        try {
            content = Files.readAllBytes(transcript);
        } catch (IOException e) {
            throw new EntireException(EntireException.Category.STORAGE, "cannot read " + agent.displayName()
                    + " transcript " + transcript + ": " + e.getMessage(), e);
        }
        return analyze(transcript, content, from, workTree);
    }

    @Override
    public List<String> filesWritten(Path transcript, TranscriptPosition from, Path workTree) {
        if (!Files.isRegularFile(transcript)) {
            return List.of();
        }
        return relative(binary(workTree).modifiedFiles(transcript, offset(from)), workTree);
    }

    @Override
    public TranscriptPass startPass(TranscriptPosition from, Path workTree, OutputStream compact, String cliVersion) {
        return new ExternalTranscriptPass(this, from, workTree, compact, cliVersion);
    }

    @Override
    public long writeCompact(InputStream raw, OutputStream out, String cliVersion) {
        try {
            return compact(raw.readAllBytes(), agent.workingDirectory(), out, cliVersion);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a stored " + agent.displayName() + " transcript", e);
        }
    }

    /**
     * Writes to {@code out} the compact form the binary gives of {@code transcript} (a redacted transcript or part of
     * one) and returns its line count; nothing when the binary does not declare compact transcripts. A binary that
     * fails here costs the checkpoint its compact transcript only, as in the Go tool: the failure is logged.
     */
    long compact(byte[] transcript, Path workTree, OutputStream out, String cliVersion) {
        if (!agent.info().declares(COMPACT_CAPABILITY) || transcript.length == 0) {
            return 0;
        }
        byte[] compact;
        try {
            compact = withScratchCopy(transcript,
                    scratch -> agent.binaryIn(workTree, cliVersion).compactTranscript(scratch));
        } catch (ExternalAgentException e) {
            LOG.log(Level.WARNING, "no compact transcript stored for " + agent.displayName() + ": " + e.getMessage());
            return 0;
        }
        long lines = 0;
        try {
            for (String line : new String(compact, StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    out.write((line.strip() + "\n").getBytes(StandardCharsets.UTF_8));
                    lines++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing the compact transcript of " + agent.displayName(), e);
        }
        return lines;
    }

    /** What {@code reader} makes of a private scratch file holding {@code content}, which is deleted afterwards. */
    <T> T withScratchCopy(byte[] content, Function<Path, T> reader) {
        Path scratch = null;
        try {
            scratch = Files.createTempFile("entire-external-transcript", ".jsonl");
            Files.write(scratch, content);
            return reader.apply(scratch);
        } catch (IOException e) {
            throw new EntireException(EntireException.Category.STORAGE, "cannot write a scratch copy of a transcript"
                    + " for " + agent.displayName() + ": " + e.getMessage(), e);
        } finally {
            if (scratch != null) {
                try {
                    Files.deleteIfExists(scratch);
                } catch (IOException ignored) {
                    // a leftover in the temporary folder holds only redacted text
                }
            }
        }
    }

    /** The part of {@code transcript} (whose bytes are {@code content}) after {@code from}, as the binary reads it. */
    TranscriptAnalysis analyze(Path transcript, byte[] content, TranscriptPosition from, Path workTree) {
        ExternalAgentBinary binary = binary(workTree);
        long offset = offset(from);
        List<String> prompts = binary.prompts(transcript, offset);
        List<String> files = relative(binary.modifiedFiles(transcript, offset), workTree);
        TokenUsage tokens = agent.info().declares("token_calculator") ? binary.tokens(content, offset)
                : TokenUsage.ZERO;
        long end = binary.transcriptPosition(transcript);
        return new TranscriptAnalysis(prompts, files, tokens, "", prompts.size(), position(Math.max(end, offset)),
                lines(content), 0, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private ExternalAgentBinary binary(Path workTree) {
        return agent.binaryIn(workTree);
    }

    private long offset(TranscriptPosition position) {
        if (position.unit() != unit()) {
            throw new IllegalArgumentException(agent.displayName() + " transcripts are not cut at " + position);
        }
        return position.value();
    }

    private static List<String> relative(List<String> reported, Path workTree) {
        WorkTreePaths paths = new WorkTreePaths(workTree);
        List<String> files = new ArrayList<>(reported.size());
        for (String file : reported) {
            paths.relativize(file).filter(relative -> !files.contains(relative)).ifPresent(files::add);
        }
        return files;
    }

    private static long lines(byte[] content) {
        long lines = 0;
        for (byte b : content) {
            if (b == '\n') {
                lines++;
            }
        }
        return content.length > 0 && content[content.length - 1] != '\n' ? lines + 1 : lines;
    }
}
