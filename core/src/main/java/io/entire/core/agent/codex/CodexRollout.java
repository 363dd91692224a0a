package io.entire.core.agent.codex;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.JsonLinesPart;
import io.entire.core.agent.LineMark;
import io.entire.core.json.JsonNull;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonValue;
import io.entire.core.model.TokenCount;
import io.entire.core.model.TokenUsage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a Codex rollout ({@code $CODEX_HOME/sessions/YYYY/MM/DD/rollout-<time>-<session>.jsonl}), which Codex only
 * ever appends to, a resumed session included: a part is the lines after a count of lines, as the Go tool cuts it
 * ({@code checkpoint_transcript_start}). Lines are {@code {"timestamp", "type", "payload"}}; what counts:
 * {@code session_meta} (the session id), {@code turn_context} (model, working directory), {@code event_msg}
 * {@code task_started} (a turn), {@code item_completed} with a {@code UserMessage} (a prompt; older versions wrote
 * {@code user_message} instead) or a {@code FileChange} (files an apply_patch wrote, by absolute path),
 * {@code token_count} (one per model response), and {@code response_item} calls of {@code apply_patch} (older
 * versions). Malformed lines are counted and skipped.
 */
public final class CodexRollout {
    private CodexRollout() {
    }

    /** The part of {@code rollout} after its first {@code startLine} lines; files relative to {@code workTree}. */
    public static RolloutAnalysis analyze(Path rollout, long startLine, Path workTree) {
        return analyze(rollout, startLine, LineMark.START, workTree);
    }

    /**
     * As {@link #analyze(Path, long, Path)}, reading from {@code mark} on when it lies at or before the part and the
     * file still fits it: a long session's turn is read, not the whole rollout.
     */
    public static RolloutAnalysis analyze(Path rollout, long startLine, LineMark mark, Path workTree) {
        requireNonNull(rollout, "rollout is null");
        Analyzer analyzer = new Analyzer(startLine, workTree);
        long lineNumber;
        try {
            lineNumber = JsonLinesPart.read(rollout, startLine, mark, analyzer::accept, analyzer::skip);
        } catch (IOException e) {
            throw new CodexRolloutException(rollout, "cannot be read: " + e.getMessage(), e);
        }
        if (lineNumber < startLine) {
            throw new CodexRolloutException(rollout, "holds " + lineNumber + " lines, fewer than the " + startLine
                    + " already recorded; it was replaced or cut, so its new part cannot be told apart");
        }
        return analyzer.result(lineNumber);
    }

    /** The analysis fed line by line, for a caller that reads the rollout for other reasons too. */
    public static final class Analyzer {
        private final long startLine;
        private final Path workTree;
        private final Path realWorkTree;
        private final List<String> userMessages = new ArrayList<>();
        private final List<String> legacyUserMessages = new ArrayList<>();
        private final Set<String> files = new LinkedHashSet<>();
        private TokenUsage tokens = TokenUsage.ZERO;
        private JsonValue lastTotal = JsonNull.INSTANCE;
        private Optional<String> model = Optional.empty();
        private Optional<String> sessionId = Optional.empty();
        private Optional<String> firstTimestamp = Optional.empty();
        private Optional<String> lastTimestamp = Optional.empty();
        private Path cwd;
        private int turns;
        private int skippedLines;

        /** An analysis of the lines after {@code startLine}; files relative to {@code workTree}, others left out. */
        public Analyzer(long startLine, Path workTree) {
            if (startLine < 0) {
                throw new IllegalArgumentException("negative start line " + startLine);
            }
            this.startLine = startLine;
            this.workTree = requireNonNull(workTree, "workTree is null");
            this.realWorkTree = realPath(workTree);
            this.cwd = workTree;
        }

        // Codex names files by their real path, which differs from the work tree's where a folder above is a link.
        private static Path realPath(Path workTree) {
            try {
                return workTree.toRealPath();
            } catch (IOException | SecurityException notResolvable) {
                return workTree;
            }
        }

        /** One line of the part, parsed. */
        public void accept(JsonValue line) {
            Optional<String> timestamp = nonBlank(line.member("timestamp").stringValue());
            if (timestamp.isPresent()) {
                firstTimestamp = firstTimestamp.or(() -> timestamp);
                lastTimestamp = timestamp;
            }
            JsonValue payload = line.member("payload");
            switch (line.member("type").stringValue()) {
                case "session_meta" -> sessionId = nonBlank(payload.member("id").stringValue());
                case "turn_context" -> turnContext(payload);
                case "event_msg" -> event(payload);
                case "response_item" -> responseItem(payload);
                default -> {
                    // world_state, token_usage_record and newer kinds say nothing a checkpoint keeps
                }
            }
        }

        /** A line of the part that is not JSON. */
        public void skip() {
            skippedLines++;
        }

        /** The analysis of the part of a rollout of {@code lineCount} lines. */
        public RolloutAnalysis result(long lineCount) {
            List<String> prompts = userMessages.isEmpty() ? legacyUserMessages : userMessages;
            return new RolloutAnalysis(prompts, List.copyOf(files), tokens, model, turns, startLine,
                    Math.max(lineCount, startLine), skippedLines, firstTimestamp, lastTimestamp, sessionId);
        }

        private void turnContext(JsonValue payload) {
            nonBlank(payload.member("model").stringValue()).ifPresent(name -> model = Optional.of(name));
            nonBlank(payload.member("cwd").stringValue()).map(Path::of).filter(Path::isAbsolute)
                    .ifPresent(dir -> cwd = dir);
        }

        private void event(JsonValue payload) {
            switch (payload.member("type").stringValue()) {
                case "task_started" -> turns++;
                case "user_message" -> nonBlank(payload.member("message").stringValue())
                        .ifPresent(legacyUserMessages::add);
                case "item_completed" -> completedItem(payload.member("item"));
                case "token_count" -> tokenCount(payload.member("info"));
                default -> {
                    // agent messages, task_complete, settings: nothing to keep
                }
            }
        }

        private void completedItem(JsonValue item) {
            switch (item.member("type").stringValue()) {
                case "UserMessage" -> {
                    StringBuilder text = new StringBuilder();
                    for (JsonValue content : item.member("content").elements()) {
                        if (content.member("type").stringValue().equals("text")) {
                            text.append(content.member("text").stringValue());
                        }
                    }
                    nonBlank(text.toString()).ifPresent(userMessages::add);
                }
                case "FileChange" -> {
                    if (item.member("changes") instanceof JsonObject changes) {
                        for (Map.Entry<String, JsonValue> change : changes.members().entrySet()) {
                            file(change.getKey());
                            nonBlank(change.getValue().member("move_path").stringValue()).ifPresent(this::file);
                        }
                    }
                }
                default -> {
                    // agent messages, reasoning, command runs
                }
            }
        }

        // A repeated token_count carries the same running total as the one before it: counted once.
        private void tokenCount(JsonValue info) {
            JsonValue total = info.member("total_token_usage");
            JsonValue last = info.member("last_token_usage");
            if (last.isNull() || !total.isNull() && total.equals(lastTotal)) {
                return;
            }
            lastTotal = total;
            long input = TokenCount.of(last.member("input_tokens"));
            long cached = Math.min(input, TokenCount.of(last.member("cached_input_tokens")));
            tokens = tokens.plus(new TokenUsage(input - cached, TokenCount.of(last.member("cache_write_input_tokens")),
                    cached, TokenCount.of(last.member("output_tokens")), 1));
        }

        private void responseItem(JsonValue payload) {
            String type = payload.member("type").stringValue();
            if (!payload.member("name").stringValue().equals("apply_patch")) {
                return;
            }
            String patch = type.equals("custom_tool_call") ? payload.member("input").stringValue()
                    : type.equals("function_call") ? patchArgument(payload.member("arguments").stringValue()) : "";
            for (String named : ApplyPatchFiles.named(patch)) {
                file(named);
            }
        }

        private static String patchArgument(String arguments) {
            byte[] bytes = arguments.getBytes(StandardCharsets.UTF_8);
            return new JsonReader().findValue(bytes, 0, bytes.length).map(value -> value.member("input").stringValue())
                    .orElse("");
        }

        private void file(String named) {
            Path path;
            try {
                path = cwd.resolve(named).normalize();
            } catch (InvalidPathException e) {
                return;
            }
            Path root = path.startsWith(workTree) ? workTree : realWorkTree;
            if (path.startsWith(root) && !path.equals(root)) {
                files.add(root.relativize(path).toString().replace('\\', '/'));
            }
        }
    }

    private static Optional<String> nonBlank(String text) {
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }
}
