package io.entire.core.agent.codex;

import static java.util.Objects.requireNonNull;

import io.entire.core.json.JsonLinesReader;
import io.entire.core.json.JsonNull;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonValue;
import io.entire.core.model.TokenUsage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a Codex rollout ({@code $CODEX_HOME/sessions/YYYY/MM/DD/rollout-<time>-<session>.jsonl}), which Codex only
 * ever appends to, a resumed session included: a part is the whole lines from a byte offset on, and a line still
 * being written (no '\n' yet) belongs to the next part. Lines are {@code {"timestamp", "type", "payload"}}; what
 * counts: {@code session_meta} (the session id), {@code turn_context} (model, working directory),
 * {@code event_msg} {@code task_started} (a turn), {@code item_completed} with a {@code UserMessage} (a prompt; older
 * versions wrote {@code user_message} instead) or a {@code FileChange} (files an apply_patch wrote, by absolute path),
 * {@code token_count} (one per model response), and {@code response_item} calls of {@code apply_patch} (older
 * versions, and patches that wrote nothing). Malformed lines are counted and skipped.
 */
public final class CodexRollout {
    private final Path workTree;

    /** A reader that reports files relative to {@code workTree} (a real path) and leaves out those outside it. */
    public CodexRollout(Path workTree) {
        this.workTree = requireNonNull(workTree, "workTree is null");
    }

    /** The part of {@code rollout} from {@code startOffset} (0, or a part's end) to its last whole line. */
    public RolloutAnalysis analyze(Path rollout, long startOffset) {
        requireNonNull(rollout, "rollout is null");
        try (FileChannel channel = FileChannel.open(rollout, StandardOpenOption.READ)) {
            requireLineStart(rollout, channel, startOffset);
            channel.position(startOffset);
            return analyze(Channels.newInputStream(channel), startOffset);
        } catch (IOException e) {
            throw new CodexRolloutException(rollout, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static void requireLineStart(Path rollout, FileChannel channel, long offset) throws IOException {
        long size = channel.size();
        if (offset < 0 || offset > size) {
            throw new CodexRolloutException(rollout, "holds " + size + " bytes, fewer than the " + offset
                    + " already recorded; it was replaced or cut, so its new part cannot be told apart");
        }
        if (offset == 0) {
            return;
        }
        ByteBuffer previous = ByteBuffer.allocate(1);
        channel.read(previous, offset - 1);
        if (previous.get(0) != '\n') {
            throw new CodexRolloutException(rollout, "offset " + offset + " is not at the start of a line");
        }
    }

    private RolloutAnalysis analyze(InputStream in, long startOffset) throws IOException {
        Part part = new Part();
        JsonLinesReader lines = new JsonLinesReader(in);
        JsonReader json = new JsonReader();
        long offset = startOffset;
        while (lines.next() && lines.newlineTerminated()) {
            offset += lines.length() + 1L;
            part.lineCount++;
            if (lines.isBlank()) {
                continue;
            }
            Optional<JsonValue> line = json.findValue(lines.bytes(), 0, lines.length());
            if (line.isEmpty()) {
                part.skippedLines++;
                continue;
            }
            part.read(line.get());
        }
        return part.analysis(startOffset, offset);
    }

    /** What the lines read so far hold. */
    private final class Part {
        private final List<String> userMessages = new ArrayList<>();
        private final List<String> legacyUserMessages = new ArrayList<>();
        private final Set<String> files = new LinkedHashSet<>();
        private TokenUsage tokens = TokenUsage.ZERO;
        private JsonValue lastTotal = JsonNull.INSTANCE;
        private Optional<String> model = Optional.empty();
        private Optional<String> sessionId = Optional.empty();
        private Path cwd = workTree;
        private int turns;
        private long lineCount;
        private int skippedLines;

        void read(JsonValue line) {
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
            long input = last.member("input_tokens").truncatedLong();
            long cached = Math.min(input, last.member("cached_input_tokens").truncatedLong());
            tokens = tokens.plus(new TokenUsage(input - cached, last.member("cache_write_input_tokens")
                    .truncatedLong(), cached, last.member("output_tokens").truncatedLong(), 1));
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
            if (path.startsWith(workTree) && !path.equals(workTree)) {
                files.add(workTree.relativize(path).toString().replace('\\', '/'));
            }
        }

        RolloutAnalysis analysis(long startOffset, long endOffset) {
            List<String> prompts = userMessages.isEmpty() ? legacyUserMessages : userMessages;
            return new RolloutAnalysis(prompts, List.copyOf(files), tokens, model, turns, startOffset, endOffset,
                    lineCount, skippedLines, sessionId);
        }
    }

    private static Optional<String> nonBlank(String text) {
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }
}
