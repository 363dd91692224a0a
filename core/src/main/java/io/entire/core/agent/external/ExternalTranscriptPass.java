package io.entire.core.agent.external;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;
import io.entire.core.agent.Subagent;
import io.entire.core.agent.TranscriptAnalysis;
import io.entire.core.agent.TranscriptPass;
import io.entire.core.agent.TranscriptPosition;
import io.entire.core.json.JsonValue;
import io.entire.core.json.JsonWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The redacted lines of an external agent's transcript, collected so that its binary analyzes what the checkpoint
 * stores (never the unredacted file): at the end they are written to a private scratch file the binary reads.
 */
final class ExternalTranscriptPass implements TranscriptPass {
    private final ExternalTranscriptFormat format;
    private final TranscriptPosition from;
    private final Path workTree;
    private final ByteArrayOutputStream redacted = new ByteArrayOutputStream();

    ExternalTranscriptPass(ExternalTranscriptFormat format, TranscriptPosition from, Path workTree) {
        this.format = requireNonNull(format, "format is null");
        this.from = requireNonNull(from, "from is null");
        this.workTree = requireNonNull(workTree, "workTree is null");
    }

    /** Every line: the binary's positions need not be line numbers, so it is given the whole transcript. */
    @Override
    public boolean wants(long lineNumber) {
        return true;
    }

    @Override
    public void accept(JsonValue line, long lineNumber) {
        redacted.writeBytes(JsonWriter.compact(line).getBytes(StandardCharsets.UTF_8));
        redacted.write('\n');
    }

    @Override
    public void skip(long lineNumber) {
        redacted.write('\n');
    }

    @Override
    public TranscriptAnalysis finish(long lineCount) {
        Path scratch = null;
        try {
            scratch = Files.createTempFile("entire-external-transcript", ".jsonl");
            byte[] content = redacted.toByteArray();
            Files.write(scratch, content);
            return format.analyze(scratch, content, from, workTree);
        } catch (IOException e) {
            throw new EntireException(EntireException.Category.STORAGE, "cannot write a scratch copy of a transcript"
                    + " for its external agent: " + e.getMessage(), e);
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

    /** The protocol reports no subagent transcripts. */
    @Override
    public List<Subagent> subagents(Path transcript) {
        return List.of();
    }
}
