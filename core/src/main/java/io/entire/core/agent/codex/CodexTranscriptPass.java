package io.entire.core.agent.codex;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.Subagent;
import io.entire.core.agent.TranscriptAnalysis;
import io.entire.core.agent.TranscriptPass;
import io.entire.core.agent.TranscriptPosition;
import io.entire.core.json.JsonValue;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/** The rollout lines after the start, each parsed once for the compact transcript and the analysis. */
final class CodexTranscriptPass implements TranscriptPass {
    private final long startLine;
    private final CodexCompactTranscript compact;
    private final CodexRollout.Analyzer analyzer;

    CodexTranscriptPass(long startLine, Path workTree, OutputStream compact, String cliVersion) {
        if (startLine < 0) {
            throw new IllegalArgumentException("negative start line " + startLine);
        }
        this.startLine = startLine;
        this.compact = new CodexCompactTranscript(requireNonNull(compact, "compact is null"), cliVersion);
        this.analyzer = new CodexRollout.Analyzer(startLine, workTree);
    }

    @Override
    public boolean wants(long lineNumber) {
        return lineNumber > startLine;
    }

    @Override
    public void accept(JsonValue line, long lineNumber) {
        compact.accept(line);
        analyzer.accept(line);
    }

    @Override
    public void skip(long lineNumber) {
        analyzer.skip();
    }

    @Override
    public TranscriptAnalysis finish(long lineCount) {
        compact.finish();
        return analysis(analyzer.result(lineCount));
    }

    /** Codex's subagents write rollouts of their own, which this version does not store. */
    @Override
    public List<Subagent> subagents(Path transcript) {
        return List.of();
    }

    static TranscriptAnalysis analysis(RolloutAnalysis rollout) {
        return new TranscriptAnalysis(rollout.prompts(), rollout.filesTouched(), rollout.tokenUsage(),
                rollout.model().orElse(""), rollout.turnCount(), new TranscriptPosition(TranscriptPosition.Unit.LINE,
                        rollout.lineCount()), rollout.lineCount(), rollout.skippedLines(), rollout.firstTimestamp(),
                rollout.lastTimestamp(), rollout.sessionIdInRollout());
    }
}
