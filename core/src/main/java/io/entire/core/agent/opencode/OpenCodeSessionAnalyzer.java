package io.entire.core.agent.opencode;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.TranscriptAnalysis;
import io.entire.core.agent.TranscriptPosition;
import io.entire.core.agent.WorkTreePaths;
import io.entire.core.json.JsonValue;
import io.entire.core.model.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the messages of an OpenCode session from one index on hold: the prompts typed, the work-tree files its file
 * tools wrote and its patch parts name, the tokens of each model call, the last model. The analysis ends at the
 * session's message count, where the next part starts.
 */
final class OpenCodeSessionAnalyzer {
    // OpenCode 1.18's tools that write files, with the file in their input's filePath.
    private static final Set<String> FILE_TOOLS = Set.of("write", "edit", "multiedit");

    private OpenCodeSessionAnalyzer() {
    }

    /** Analyzes {@code session}'s messages from {@code startIndex} on; {@code lineCount} is its file's. */
    static TranscriptAnalysis analyze(OpenCodeSession session, int startIndex, WorkTreePaths workTree, long lineCount,
            int skippedLines) {
        requireNonNull(session, "session is null");
        List<String> prompts = new ArrayList<>();
        TokenUsage tokens = TokenUsage.ZERO;
        String model = "";
        Optional<String> firstTimestamp = Optional.empty();
        Optional<String> lastTimestamp = Optional.empty();
        for (OpenCodeMessage message : session.messagesFrom(startIndex)) {
            if (message.timestamp().isPresent()) {
                firstTimestamp = firstTimestamp.or(message::timestamp);
                lastTimestamp = message.timestamp();
            }
            message.prompt().ifPresent(prompts::add);
            if (message.isAssistant()) {
                tokens = tokens.plus(message.tokens());
                model = message.model().isEmpty() ? model : message.model();
            }
        }
        return new TranscriptAnalysis(prompts, filesWritten(session, startIndex, workTree), tokens, model,
                prompts.size(), new TranscriptPosition(TranscriptPosition.Unit.MESSAGE, session.messages().size()),
                lineCount, skippedLines, firstTimestamp, lastTimestamp, session.sessionId());
    }

    /** The work-tree files the messages from {@code startIndex} on wrote, sorted. */
    static List<String> filesWritten(OpenCodeSession session, int startIndex, WorkTreePaths workTree) {
        requireNonNull(workTree, "workTree is null");
        TreeSet<String> files = new TreeSet<>();
        for (OpenCodeMessage message : session.messagesFrom(startIndex)) {
            if (!message.isAssistant()) {
                continue;
            }
            for (JsonValue call : message.toolCalls()) {
                JsonValue state = call.member("state");
                if (FILE_TOOLS.contains(call.member("tool").stringValue())
                        && state.member("status").stringValue().equals("completed")) {
                    workTree.relativize(state.member("input").member("filePath").stringValue()).ifPresent(files::add);
                }
            }
            message.patchedFiles().forEach(file -> workTree.relativize(file).ifPresent(files::add));
        }
        return List.copyOf(files);
    }
}
