package io.entire.core.agent.external;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;
import io.entire.core.agent.TranscriptAnalysis;
import io.entire.core.agent.TranscriptFormat;
import io.entire.core.agent.TranscriptPass;
import io.entire.core.agent.TranscriptPosition;
import io.entire.core.agent.WorkTreePaths;
import io.entire.core.model.TokenUsage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An external agent's transcripts, read by its binary: positions are the numbers its
 * {@code get-transcript-position} gives (lines of a JSONL transcript, for the agents the protocol was made for), the
 * part after one is what {@code extract-prompts}, {@code extract-modified-files} and {@code calculate-tokens} report.
 * The protocol has no compact form this program could store, so none is written.
 */
final class ExternalTranscriptFormat implements TranscriptFormat {
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
        return new ExternalTranscriptPass(this, from, workTree);
    }

    /** The protocol has no compact transcript; a checkpoint of an external agent stores none. */
    @Override
    public long writeCompact(InputStream raw, OutputStream out, String cliVersion) {
        return 0;
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
