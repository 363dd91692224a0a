package io.entire.core.agent.opencode;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.Subagent;
import io.entire.core.agent.TranscriptAnalysis;
import io.entire.core.agent.TranscriptPass;
import io.entire.core.agent.WorkTreePaths;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonValue;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The session document is one line; the part from the start message on is analyzed and written as the compact
 * transcript once the file has been read. Any other line (an export printed over several lines) is skipped.
 */
final class OpenCodeTranscriptPass implements TranscriptPass {
    /** Ids that are safe as a task's folder and file names. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private final int startIndex;
    private final WorkTreePaths workTree;
    private final OutputStream compact;
    private final String cliVersion;
    private OpenCodeSession session = OpenCodeSession.EMPTY;
    private boolean documentRead;
    private int skipped;

    OpenCodeTranscriptPass(int startIndex, Path workTree, OutputStream compact, String cliVersion) {
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
        if (line instanceof JsonObject document && !documentRead) {
            session = OpenCodeSession.of(document);
            documentRead = true;
        } else {
            skipped++;
        }
    }

    @Override
    public void skip(long lineNumber) {
        skipped++;
    }

    @Override
    public TranscriptAnalysis finish(long lineCount) {
        OpenCodeCompactTranscript.write(session.messagesFrom(startIndex), compact, cliVersion);
        return OpenCodeSessionAnalyzer.analyze(session, startIndex, workTree, lineCount, skipped);
    }

    /**
     * The part's {@code task} tool calls, each a subagent whose child session ({@code state.metadata.sessionId}) the
     * plugin wrote beside {@code transcript} when the call returned.
     */
    @Override
    public List<Subagent> subagents(Path transcript) {
        List<Subagent> subagents = new ArrayList<>();
        for (OpenCodeMessage message : session.messagesFrom(startIndex)) {
            for (JsonValue part : message.parts()) {
                String callId = part.member("callID").stringValue();
                String child = part.member("state").member("metadata").member("sessionId").stringValue();
                if (part.member("type").stringValue().equals("tool") && part.member("tool").stringValue().equals("task")
                        && NAME.matcher(callId).matches() && NAME.matcher(child).matches()) {
                    Path file = transcript.resolveSibling(child + ".json");
                    subagents.add(new Subagent(callId, child, "",
                            Files.isRegularFile(file) ? Optional.of(file) : Optional.empty()));
                }
            }
        }
        return subagents;
    }
}
