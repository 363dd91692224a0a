package io.entire.core.agent.copilot;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.Subagent;
import io.entire.core.agent.TranscriptAnalysis;
import io.entire.core.agent.TranscriptPass;
import io.entire.core.json.JsonValue;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/** The session log's lines after the start, each parsed once for the compact transcript and the analysis. */
final class CopilotTranscriptPass implements TranscriptPass {
    private final long startLine;
    private final CopilotCompactTranscript compact;
    private final CopilotEventLog.Analyzer analyzer;

    CopilotTranscriptPass(long startLine, Path workTree, OutputStream compact, String cliVersion) {
        this.analyzer = new CopilotEventLog.Analyzer(startLine, workTree);
        this.startLine = startLine;
        this.compact = new CopilotCompactTranscript(requireNonNull(compact, "compact is null"), cliVersion);
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
        return analyzer.result(lineCount);
    }

    /** Copilot's subagents log into the session's own file; none is stored apart. */
    @Override
    public List<Subagent> subagents(Path transcript) {
        return List.of();
    }
}
