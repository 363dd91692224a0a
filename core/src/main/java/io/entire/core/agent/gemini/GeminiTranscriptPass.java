package io.entire.core.agent.gemini;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.Subagent;
import io.entire.core.agent.TranscriptAnalysis;
import io.entire.core.agent.TranscriptPass;
import io.entire.core.agent.WorkTreePaths;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonValue;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Every line of the chat, since any may rewrite the message list; the part from the start message on is analyzed and
 * written as the compact transcript once the whole file has been read.
 */
final class GeminiTranscriptPass implements TranscriptPass {
    private final int startIndex;
    private final WorkTreePaths workTree;
    private final OutputStream compact;
    private final String cliVersion;
    private final GeminiChat.Builder chat = new GeminiChat.Builder();

    GeminiTranscriptPass(int startIndex, Path workTree, OutputStream compact, String cliVersion) {
        if (startIndex < 0) {
            throw new IllegalArgumentException("negative start message " + startIndex);
        }
        this.startIndex = startIndex;
        this.workTree = new WorkTreePaths(requireNonNull(workTree, "workTree is null"));
        this.compact = requireNonNull(compact, "compact is null");
        this.cliVersion = requireNonNull(cliVersion, "cliVersion is null");
    }

    @Override
    public boolean wants(long lineNumber) {
        return true;
    }

    @Override
    public void accept(JsonValue line, long lineNumber) {
        if (line instanceof JsonObject record) {
            chat.accept(record);
        } else {
            chat.skip();
        }
    }

    @Override
    public void skip(long lineNumber) {
        chat.skip();
    }

    @Override
    public TranscriptAnalysis finish(long lineCount) {
        GeminiChat read = chat.build(lineCount);
        GeminiCompactTranscript.write(read.messagesFrom(startIndex), compact, cliVersion);
        return GeminiChatAnalyzer.analyze(read, startIndex, workTree, lineCount);
    }

    /** Gemini CLI's subagents write no transcript of their own that a checkpoint could store. */
    @Override
    public List<Subagent> subagents(Path transcript) {
        return List.of();
    }
}
