package io.entire.core.agent.external;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.Subagent;
import io.entire.core.agent.TranscriptAnalysis;
import io.entire.core.agent.TranscriptPass;
import io.entire.core.agent.TranscriptPosition;
import io.entire.core.json.JsonValue;
import io.entire.core.json.JsonWriter;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The redacted lines of an external agent's transcript, collected so that its binary analyzes what the checkpoint
 * stores (never the unredacted file): at the end they are written to a private scratch file the binary reads, and the
 * lines of the part to another, which the binary compacts. Lines no one hands over (blank ones) are written blank, so
 * that each line is where the file has it and the binary's line numbers are the file's.
 */
final class ExternalTranscriptPass implements TranscriptPass {
    private final ExternalTranscriptFormat format;
    private final TranscriptPosition from;
    private final Path workTree;
    private final OutputStream compact;
    private final String cliVersion;
    private final ByteArrayOutputStream redacted = new ByteArrayOutputStream();
    private int partStart = -1;
    private long linesWritten;

    ExternalTranscriptPass(ExternalTranscriptFormat format, TranscriptPosition from, Path workTree,
            OutputStream compact, String cliVersion) {
        this.format = requireNonNull(format, "format is null");
        this.from = requireNonNull(from, "from is null");
        this.workTree = requireNonNull(workTree, "workTree is null");
        this.compact = requireNonNull(compact, "compact is null");
        this.cliVersion = requireNonNull(cliVersion, "cliVersion is null");
    }

    /** Every line: the binary's positions need not be line numbers, so it is given the whole transcript. */
    @Override
    public boolean wants(long lineNumber) {
        return true;
    }

    @Override
    public void accept(JsonValue line, long lineNumber) {
        blankUpTo(lineNumber - 1);
        markPart(lineNumber);
        redacted.writeBytes(JsonWriter.compact(line).getBytes(StandardCharsets.UTF_8));
        redacted.write('\n');
        linesWritten = lineNumber;
    }

    @Override
    public void skip(long lineNumber) {
        blankUpTo(lineNumber);
    }

    @Override
    public TranscriptAnalysis finish(long lineCount) {
        blankUpTo(lineCount);
        byte[] content = redacted.toByteArray();
        TranscriptAnalysis analysis = format.withScratchCopy(content,
                scratch -> format.analyze(scratch, content, from, workTree));
        if (partStart >= 0) {
            format.compact(Arrays.copyOfRange(content, partStart, content.length), workTree, compact, cliVersion);
        }
        return analysis;
    }

    /** Writes blank lines up to line {@code lineNumber}. */
    private void blankUpTo(long lineNumber) {
        while (linesWritten < lineNumber) {
            markPart(++linesWritten);
            redacted.write('\n');
        }
    }

    /** The part's compact form is the binary's compact form of the part's lines, its positions being lines. */
    private void markPart(long lineNumber) {
        if (partStart < 0 && lineNumber > from.value()) {
            partStart = redacted.size();
        }
    }

    /** The protocol reports no subagent transcripts. */
    @Override
    public List<Subagent> subagents(Path transcript) {
        return List.of();
    }
}
