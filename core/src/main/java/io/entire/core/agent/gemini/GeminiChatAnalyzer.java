package io.entire.core.agent.gemini;

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
 * What the messages of a Gemini CLI chat from one index on hold: the prompts typed, the work-tree files its file tools
 * wrote, the tokens of its model replies (one API call each) and the last model named. The analysis ends at the
 * chat's message count, where the next part starts.
 */
final class GeminiChatAnalyzer {
    // The tools of Gemini CLI 0.61 that write files (write_file, replace), and the names the Go tool also knew.
    private static final Set<String> FILE_TOOLS = Set.of("write_file", "replace", "edit_file", "save_file");
    private static final List<String> PATH_ARGUMENTS = List.of("file_path", "path", "filename");

    private GeminiChatAnalyzer() {
    }

    /** Analyzes {@code chat}'s messages from {@code startIndex} on; {@code lineCount} is the chat file's. */
    static TranscriptAnalysis analyze(GeminiChat chat, int startIndex, WorkTreePaths workTree, long lineCount) {
        requireNonNull(chat, "chat is null");
        List<String> prompts = new ArrayList<>();
        TokenUsage tokens = TokenUsage.ZERO;
        String model = "";
        Optional<String> firstTimestamp = Optional.empty();
        Optional<String> lastTimestamp = Optional.empty();
        for (GeminiMessage message : chat.messagesFrom(startIndex)) {
            if (message.timestamp().isPresent()) {
                firstTimestamp = firstTimestamp.or(message::timestamp);
                lastTimestamp = message.timestamp();
            }
            message.prompt().ifPresent(prompts::add);
            if (message.isModelReply()) {
                tokens = message.tokens().map(tokens::plus).orElse(tokens);
                model = message.model().orElse(model);
            }
        }
        return new TranscriptAnalysis(prompts, filesWritten(chat, startIndex, workTree), tokens, model,
                prompts.size(), new TranscriptPosition(TranscriptPosition.Unit.MESSAGE, chat.messages().size()),
                lineCount, chat.skippedLines(), firstTimestamp, lastTimestamp, chat.sessionId());
    }

    /** The work-tree files the file tools of the messages from {@code startIndex} on wrote, sorted. */
    static List<String> filesWritten(GeminiChat chat, int startIndex, WorkTreePaths workTree) {
        requireNonNull(workTree, "workTree is null");
        TreeSet<String> files = new TreeSet<>();
        for (GeminiMessage message : chat.messagesFrom(startIndex)) {
            for (JsonValue call : message.toolCalls()) {
                if (message.isModelReply() && FILE_TOOLS.contains(call.member("name").stringValue())) {
                    filePath(call.member("args")).flatMap(workTree::relativize).ifPresent(files::add);
                }
            }
        }
        return List.copyOf(files);
    }

    private static Optional<String> filePath(JsonValue args) {
        for (String name : PATH_ARGUMENTS) {
            String path = args.member(name).stringValue();
            if (!path.isEmpty()) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }
}
