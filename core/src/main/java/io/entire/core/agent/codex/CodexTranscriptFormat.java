package io.entire.core.agent.codex;

import io.entire.core.agent.JsonLinesTranscriptFormat;
import io.entire.core.agent.LineMark;
import io.entire.core.agent.RecordedWrite;
import io.entire.core.agent.TranscriptAnalysis;
import io.entire.core.agent.TranscriptPass;
import io.entire.core.agent.TranscriptPosition;
import io.entire.core.json.JsonLinesReader;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Codex's rollouts: append-only JSONL, so a part starts after a count of lines. */
final class CodexTranscriptFormat implements JsonLinesTranscriptFormat {
    private static final String PATCH_START = "*** Begin Patch";

    @Override
    public TranscriptAnalysis analyze(Path transcript, TranscriptPosition from, Path workTree) {
        return CodexTranscriptPass.analysis(CodexRollout.analyze(transcript, lines(from), workTree));
    }

    @Override
    public TranscriptAnalysis analyze(Path transcript, TranscriptPosition from, LineMark mark, Path workTree) {
        return CodexTranscriptPass.analysis(CodexRollout.analyze(transcript, lines(from), mark, workTree));
    }

    @Override
    public List<String> filesWritten(Path transcript, TranscriptPosition from, Path workTree) {
        return CodexRollout.analyze(transcript, lines(from), workTree).filesTouched();
    }

    @Override
    public List<String> filesWritten(Path transcript, TranscriptPosition from, LineMark mark, Path workTree) {
        return CodexRollout.analyze(transcript, lines(from), mark, workTree).filesTouched();
    }

    @Override
    public TranscriptPass startPass(TranscriptPosition from, Path workTree, OutputStream compact, String cliVersion) {
        return new CodexTranscriptPass(lines(from), workTree, compact, cliVersion);
    }

    /**
     * An {@code apply_patch} call names its files in the patch, whether the tool takes it as its {@code input} or a
     * shell command ({@code cmd}) runs it; other tools as the default reads them.
     */
    @Override
    public List<String> toolCallFiles(JsonValue input) {
        for (String argument : List.of("input", "cmd")) {
            String text = input.member(argument).stringValue();
            if (text.contains(PATCH_START)) {
                return ApplyPatchFiles.named(text);
            }
        }
        return JsonLinesTranscriptFormat.super.toolCallFiles(input);
    }

    @Override
    public Optional<OutputStream> recordedWrites(Consumer<RecordedWrite> consumer) {
        return Optional.of(CodexRecordedWrites.sink(consumer));
    }

    @Override
    public long writeCompact(InputStream raw, OutputStream out, String cliVersion) {
        CodexCompactTranscript compact = new CodexCompactTranscript(out, cliVersion);
        JsonReader json = new JsonReader();
        JsonLinesReader lines = new JsonLinesReader(raw);
        try {
            while (lines.next()) {
                if (!lines.isBlank()) {
                    json.findValue(lines.bytes(), 0, lines.length()).ifPresent(compact::accept);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading a stored codex rollout", e);
        }
        return compact.finish();
    }

    private long lines(TranscriptPosition position) {
        if (position.unit() != unit()) {
            throw new IllegalArgumentException("a Codex rollout is cut by lines, not at " + position);
        }
        return position.value();
    }
}
