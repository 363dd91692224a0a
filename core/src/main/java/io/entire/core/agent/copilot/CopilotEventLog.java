package io.entire.core.agent.copilot;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;
import io.entire.core.agent.JsonLinesPart;
import io.entire.core.agent.LineMark;
import io.entire.core.agent.TranscriptAnalysis;
import io.entire.core.agent.TranscriptPosition;
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
import java.util.Optional;
import java.util.Set;

/**
 * Reads a Copilot CLI session log ({@code session-state/<session>/events.jsonl}), which Copilot only appends to, a
 * resumed session included: a part is the lines after a count of lines. Lines are {@code {"type", "data", "id",
 * "timestamp", "parentId"}}; what counts: {@code session.start} (the session id, the selected model),
 * {@code session.resume} (the selected model), {@code user.message} (a prompt, one per turn),
 * {@code assistant.message} (the model that answered),
 * {@code session.usage_record} (one model call's tokens: {@code inputTokens} including {@code cacheReadTokens}),
 * {@code tool.execution_complete} (files written: {@code fileEdits[].path}, absolute; older versions only named them
 * in {@code toolTelemetry.properties.filePaths}, a JSON array in a string). Malformed lines are counted and skipped.
 */
final class CopilotEventLog {
    private CopilotEventLog() {
    }

    /** The part of {@code events} after its first {@code startLine} lines; files relative to {@code workTree}. */
    static TranscriptAnalysis analyze(Path events, long startLine, Path workTree) {
        return analyze(events, startLine, LineMark.START, workTree);
    }

    /**
     * As {@link #analyze(Path, long, Path)}, reading from {@code mark} on when it lies at or before the part and the
     * file still fits it: a long session's turn is read, not the whole log.
     */
    static TranscriptAnalysis analyze(Path events, long startLine, LineMark mark, Path workTree) {
        requireNonNull(events, "events is null");
        Analyzer analyzer = new Analyzer(startLine, workTree);
        long lineNumber;
        try {
            lineNumber = JsonLinesPart.read(events, startLine, mark, analyzer::accept, analyzer::skip);
        } catch (IOException e) {
            throw new EntireException(EntireException.Category.STORAGE, "Copilot CLI session log " + events
                    + " cannot be read: " + e.getMessage(), e);
        }
        if (lineNumber < startLine) {
            throw new EntireException(EntireException.Category.STATE, "Copilot CLI session log " + events + " holds "
                    + lineNumber + " lines, fewer than the " + startLine + " already recorded; it was replaced or"
                    + " cut, so its new part cannot be told apart");
        }
        return analyzer.result(lineNumber);
    }

    /** The analysis fed line by line, for a caller that reads the log for other reasons too. */
    static final class Analyzer {
        private final long startLine;
        private final Path workTree;
        private final Path realWorkTree;
        private final List<String> prompts = new ArrayList<>();
        private final Set<String> files = new LinkedHashSet<>();
        private TokenUsage tokens = TokenUsage.ZERO;
        private Optional<String> model = Optional.empty();
        private Optional<String> sessionId = Optional.empty();
        private Optional<String> firstTimestamp = Optional.empty();
        private Optional<String> lastTimestamp = Optional.empty();
        private int skippedLines;

        Analyzer(long startLine, Path workTree) {
            if (startLine < 0) {
                throw new IllegalArgumentException("negative start line " + startLine);
            }
            this.startLine = startLine;
            this.workTree = requireNonNull(workTree, "workTree is null");
            this.realWorkTree = realPath(workTree);
        }

        // Copilot names files by their real path, which differs from the work tree's where a folder above is a link.
        private static Path realPath(Path workTree) {
            try {
                return workTree.toRealPath();
            } catch (IOException | SecurityException notResolvable) {
                return workTree;
            }
        }

        void accept(JsonValue line) {
            Optional<String> timestamp = nonBlank(line.member("timestamp").stringValue());
            if (timestamp.isPresent()) {
                firstTimestamp = firstTimestamp.or(() -> timestamp);
                lastTimestamp = timestamp;
            }
            JsonValue data = line.member("data");
            switch (line.member("type").stringValue()) {
                case "session.start" -> {
                    sessionId = nonBlank(data.member("sessionId").stringValue());
                    selectedModel(data);
                }
                case "session.resume" -> selectedModel(data);
                case "user.message" -> nonBlank(data.member("content").stringValue()).ifPresent(prompts::add);
                case "assistant.message" -> nonBlank(data.member("model").stringValue())
                        .ifPresent(name -> model = Optional.of(name));
                case "session.usage_record" -> tokens = tokens.plus(usage(data.member("usage")));
                case "tool.execution_complete" -> filesOf(data);
                default -> {
                    // hooks, turn boundaries, tool starts, system messages, shutdown: nothing a checkpoint keeps
                }
            }
        }

        private void selectedModel(JsonValue data) {
            nonBlank(data.member("selectedModel").stringValue()).ifPresent(name -> model = Optional.of(name));
        }

        void skip() {
            skippedLines++;
        }

        TranscriptAnalysis result(long lineCount) {
            long end = Math.max(lineCount, startLine);
            return new TranscriptAnalysis(prompts, List.copyOf(files), tokens, model.orElse(""), prompts.size(),
                    new TranscriptPosition(TranscriptPosition.Unit.LINE, end), end, skippedLines, firstTimestamp,
                    lastTimestamp, sessionId);
        }

        private void filesOf(JsonValue data) {
            List<JsonValue> edits = data.member("fileEdits").elements();
            for (JsonValue edit : edits) {
                file(edit.member("path").stringValue());
            }
            if (edits.isEmpty()) {
                byte[] named = data.member("toolTelemetry").member("properties").member("filePaths").stringValue()
                        .getBytes(StandardCharsets.UTF_8);
                new JsonReader().findValue(named, 0, named.length)
                        .ifPresent(paths -> paths.elements().forEach(path -> file(path.stringValue())));
            }
        }

        private void file(String named) {
            if (named.isBlank()) {
                return;
            }
            Path path;
            try {
                path = workTree.resolve(named).normalize();
            } catch (InvalidPathException e) {
                return;
            }
            Path root = path.startsWith(workTree) ? workTree : realWorkTree;
            if (path.startsWith(root) && !path.equals(root)) {
                files.add(root.relativize(path).toString().replace('\\', '/'));
            }
        }
    }

    /** One model call's tokens: Copilot counts cache reads inside {@code inputTokens}; Entire counts them apart. */
    static TokenUsage usage(JsonValue usage) {
        long input = TokenCount.of(usage.member("inputTokens"));
        long cached = Math.min(input, TokenCount.of(usage.member("cacheReadTokens")));
        return new TokenUsage(input - cached, TokenCount.of(usage.member("cacheWriteTokens")), cached,
                TokenCount.of(usage.member("outputTokens")), 1);
    }

    private static Optional<String> nonBlank(String text) {
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }
}
