package io.entire.core.agent.claudecode;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.Subagent;
import io.entire.core.agent.TranscriptAnalysis;
import io.entire.core.agent.TranscriptPass;
import io.entire.core.json.JsonValue;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The lines after the start, each parsed once for the compact transcript, the analysis and the subagent links. */
final class ClaudeTranscriptPass implements TranscriptPass {
    private final long startLine;
    private final CompactTranscript.Converter converter;
    private final ClaudeTranscript.Analyzer analyzer;
    private final SubagentLinks subagents = new SubagentLinks();

    ClaudeTranscriptPass(long startLine, Path workTree, OutputStream compact, String cliVersion) {
        if (startLine < 0) {
            throw new IllegalArgumentException("negative start line " + startLine);
        }
        this.startLine = startLine;
        this.converter = new CompactTranscript.Converter(requireNonNull(compact, "compact is null"), cliVersion);
        this.analyzer = new ClaudeTranscript.Analyzer(workTree);
    }

    @Override
    public boolean wants(long lineNumber) {
        return lineNumber > startLine;
    }

    @Override
    public void accept(JsonValue line, long lineNumber) {
        converter.accept(line);
        analyzer.accept(line, lineNumber);
        subagents.accept(line);
    }

    @Override
    public void skip(long lineNumber) {
        analyzer.skip();
    }

    @Override
    public TranscriptAnalysis finish(long lineCount) {
        converter.finish();
        return analyzer.result(lineCount);
    }

    @Override
    public List<Subagent> subagents(Path transcript) {
        List<Subagent> found = new ArrayList<>();
        for (SubagentLink link : subagents.links()) {
            found.add(new Subagent(link.toolUseId(), link.agentId(), link.lineUuid(), link.transcript(transcript)));
        }
        return found;
    }
}
