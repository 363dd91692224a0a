package io.entire.core.agent.gemini;

import static java.util.Objects.requireNonNull;

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
 * wrote, the tokens of its model replies (one API call each), the last model named; {@code messageCount} counts the
 * whole chat and is where the next part starts.
 */
public record GeminiChatAnalysis(List<String> prompts, List<String> filesTouched, TokenUsage tokenUsage, String model,
        int messageCount, int skippedLines) {
    // The tools of Gemini CLI 0.61 that write files (write_file, replace), and the names the Go tool also knew.
    private static final Set<String> FILE_TOOLS = Set.of("write_file", "replace", "edit_file", "save_file");
    private static final List<String> PATH_ARGUMENTS = List.of("file_path", "path", "filename");

    public GeminiChatAnalysis {
        prompts = List.copyOf(prompts);
        filesTouched = List.copyOf(filesTouched);
        requireNonNull(tokenUsage, "tokenUsage is null");
        requireNonNull(model, "model is null");
        if (messageCount < 0 || skippedLines < 0) {
            throw new IllegalArgumentException("negative count: messageCount=" + messageCount + " skippedLines="
                    + skippedLines);
        }
    }

    /** Analyzes {@code chat}'s messages from {@code startIndex} on, relativizing file paths to {@code workTree}. */
    public static GeminiChatAnalysis of(GeminiChat chat, int startIndex, WorkTreePaths workTree) {
        requireNonNull(chat, "chat is null");
        requireNonNull(workTree, "workTree is null");
        List<String> prompts = new ArrayList<>();
        TreeSet<String> files = new TreeSet<>();
        TokenUsage tokens = TokenUsage.ZERO;
        String model = "";
        for (GeminiMessage message : chat.messagesFrom(startIndex)) {
            message.prompt().ifPresent(prompts::add);
            if (!message.isModelReply()) {
                continue;
            }
            tokens = message.tokens().map(tokens::plus).orElse(tokens);
            model = message.model().orElse(model);
            for (JsonValue call : message.toolCalls()) {
                if (FILE_TOOLS.contains(call.member("name").stringValue())) {
                    filePath(call.member("args")).flatMap(workTree::relativize).ifPresent(files::add);
                }
            }
        }
        return new GeminiChatAnalysis(prompts, List.copyOf(files), tokens, model, chat.messages().size(),
                chat.skippedLines());
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
