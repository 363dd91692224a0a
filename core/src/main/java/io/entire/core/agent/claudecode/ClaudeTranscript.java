package io.entire.core.agent.claudecode;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;
import io.entire.core.agent.LineMark;
import io.entire.core.agent.TranscriptAnalysis;
import io.entire.core.agent.TranscriptPosition;
import io.entire.core.json.JsonLinesReader;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonSelection;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import io.entire.core.json.LineTooLongException;
import io.entire.core.model.TokenCount;
import io.entire.core.model.TokenUsage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads a Claude Code JSONL transcript in one streaming pass: prompts, files touched, tokens, model. */
public final class ClaudeTranscript {
    // Every tool call is a content block {"type":"tool_use",...}; "tool_use_id" of a result does not match.
    private static final byte[] TOOL_USE = "\"tool_use\"".getBytes(StandardCharsets.US_ASCII);
    // What the analysis reads of a line. The rest (tool output, most of a transcript's bytes) is checked, not built:
    // a JVM that has just started spent most of a stop's analysis making strings of it.
    private static final JsonSelection ANALYZED = JsonSelection.of("timestamp", "sessionId", "type", "isMeta",
            "isCompactSummary", "promptSource", "turnOrigin").with("message", JsonSelection.of("model", "usage", "id")
            .with("content", JsonSelection.of("type", "text", "name").with("input",
                    JsonSelection.of("file_path", "notebook_path"))));

    private ClaudeTranscript() {
    }

    /** Analyzes the lines after the first {@code startLine}; broken lines are skipped and counted, never fatal. */
    public static TranscriptAnalysis analyze(Path transcript, long startLine, Path repoRoot) {
        return analyze(transcript, startLine, LineMark.START, repoRoot);
    }

    /**
     * As {@link #analyze(Path, long, Path)}, reading from {@code mark} on when it lies at or before the start and the
     * file still fits it (a long transcript's turn is then read, not the whole file); else from the first byte.
     */
    public static TranscriptAnalysis analyze(Path transcript, long startLine, LineMark mark, Path repoRoot) {
        requireNonNull(transcript, "transcript is null");
        requireNonNull(mark, "mark is null");
        try (FileChannel channel = FileChannel.open(transcript, StandardOpenOption.READ)) {
            LineMark from = mark.orStartFor(startLine, channel);
            return analyze(Channels.newInputStream(channel.position(from.offset())), startLine, from.lines(),
                    repoRoot);
        } catch (LineTooLongException e) {
            throw new EntireException(EntireException.Category.STORAGE, "cannot read transcript " + transcript + ": "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new EntireException(EntireException.Category.STORAGE, "cannot read transcript " + transcript + ": "
                    + e.getMessage() + "; check that the file exists and is readable", e);
        }
    }

    /** As {@link #analyze(Path, long, Path)}; the caller closes {@code transcript}. */
    public static TranscriptAnalysis analyze(InputStream transcript, long startLine, Path repoRoot) {
        return analyze(transcript, startLine, 0, repoRoot);
    }

    /** The lines of {@code transcript}, which starts after line {@code linesBefore} of the file, analyzed. */
    private static TranscriptAnalysis analyze(InputStream transcript, long startLine, long linesBefore,
            Path repoRoot) {
        requireNonNull(transcript, "transcript is null");
        requireNonNull(repoRoot, "repoRoot is null");
        if (startLine < 0) {
            throw new IllegalArgumentException("negative startLine " + startLine);
        }
        Analyzer analyzer = new Analyzer(repoRoot);
        JsonReader json = new JsonReader();
        JsonLinesReader lines = new JsonLinesReader(transcript);
        long lineNumber = linesBefore;
        try {
            while (lines.next()) {
                lineNumber++;
                if (lineNumber > startLine && !lines.isBlank()) {
                    Optional<JsonValue> line = json.findSelected(lines.bytes(), 0, lines.length(), ANALYZED);
                    if (line.isPresent()) {
                        analyzer.accept(line.get(), lineNumber);
                    } else {
                        analyzer.skip();
                    }
                }
            }
        } catch (IOException e) {
            throw new EntireException(EntireException.Category.STORAGE, "cannot read transcript at line "
                    + (lineNumber + 1) + ": " + e.getMessage(), e);
        }
        return analyzer.result(lineNumber);
    }

    /**
     * The repo-relative files the slice's tool calls wrote, as {@link TranscriptAnalysis#filesTouched()} lists them,
     * parsing only the lines that hold a tool call: hooks that need no more than this (prepare-commit-msg for a turn
     * under way, a stop checking other sessions) skip the JSON of the rest, most of a transcript.
     */
    public static List<String> filesWritten(Path transcript, long startLine, Path repoRoot) {
        return filesWritten(transcript, startLine, LineMark.START, repoRoot);
    }

    /**
     * As {@link #filesWritten(Path, long, Path)}, reading from {@code mark} on when it lies at or before the start and
     * the file still fits it (a light hook then reads a long session's turn, not the whole file); else from the first
     * byte.
     */
    public static List<String> filesWritten(Path transcript, long startLine, LineMark mark, Path repoRoot) {
        requireNonNull(transcript, "transcript is null");
        requireNonNull(mark, "mark is null");
        TouchedFiles files = new TouchedFiles(requireNonNull(repoRoot, "repoRoot is null"));
        JsonReader json = new JsonReader();
        long lineNumber = 0;
        try (FileChannel channel = FileChannel.open(transcript, StandardOpenOption.READ)) {
            LineMark from = mark.orStartFor(startLine, channel);
            lineNumber = from.lines();
            JsonLinesReader lines = new JsonLinesReader(Channels.newInputStream(channel.position(from.offset())));
            while (lines.next()) {
                lineNumber++;
                if (lineNumber > startLine && lines.contains(TOOL_USE)) {
                    json.findSelected(lines.bytes(), 0, lines.length(), ANALYZED)
                            .filter(line -> line.member("type").stringValue().equals("assistant"))
                            .ifPresent(line -> addToolUses(files, line.member("message")));
                }
            }
        } catch (IOException | LineTooLongException e) {
            throw new EntireException(EntireException.Category.STORAGE, "cannot read transcript " + transcript
                    + " at line " + (lineNumber + 1) + ": " + e.getMessage(), e);
        }
        return files.sorted();
    }

    private static void addToolUses(TouchedFiles files, JsonValue message) {
        for (JsonValue block : message.member("content").elements()) {
            if (block.member("type").stringValue().equals("tool_use")) {
                files.addToolUse(block);
            }
        }
    }

    /** Whether a user line's text was typed by the person, not injected by Claude Code (slash commands, hooks). */
    static boolean isTypedPrompt(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return false;
        }
        // Claude Code records slash commands, their output, hook reminders and interrupt markers as user lines.
        for (String injected : List.of("<command-name>", "<command-message>", "<command-args>",
                "<local-command-stdout>", "<local-command-stderr>", "<local-command-caveat>", "<system-reminder>",
                "<bash-input>", "<bash-stdout>", "<bash-stderr>", "<user-memory-input>", "<task-notification>",
                "[Request interrupted by user")) {
            if (trimmed.startsWith(injected)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The text of message content: the string itself, or its text blocks joined by {@code separator} (a blank line
     * between the blocks of a prompt, a newline between those of a tool result).
     */
    static String text(JsonValue content, String separator) {
        if (content instanceof JsonString string) {
            return string.value();
        }
        StringBuilder text = new StringBuilder();
        for (JsonValue block : content.elements()) {
            if (block.member("type").stringValue().equals("text")) {
                if (text.length() > 0) {
                    text.append(separator);
                }
                text.append(block.member("text").stringValue());
            }
        }
        return text.toString();
    }

    /**
     * The analysis fed line by line, for a caller that reads the transcript for other reasons too: each non-blank
     * line of the slice, parsed, or {@link #skip()} for one that is not JSON.
     */
    public static final class Analyzer {
        private final TouchedFiles files;
        private final List<String> prompts = new ArrayList<>();
        // Streaming writes one line per content block, each repeating the usage so far: keep the largest per id.
        private final Map<String, JsonValue> usageByMessage = new LinkedHashMap<>();
        private String model = "";
        private String firstTimestamp;
        private String lastTimestamp;
        private String sessionId;
        private int skippedLines;

        public Analyzer(Path repoRoot) {
            this.files = new TouchedFiles(requireNonNull(repoRoot, "repoRoot is null"));
        }

        /** One line of the slice; a value that is not a JSON object is counted as skipped. */
        public void accept(JsonValue line, long lineNumber) {
            if (line instanceof JsonObject object) {
                accept(object, lineNumber);
            } else {
                skip();
            }
        }

        /** A line of the slice that is not JSON. */
        public void skip() {
            skippedLines++;
        }

        private void accept(JsonObject line, long lineNumber) {
            String timestamp = line.member("timestamp").stringValue();
            if (!timestamp.isEmpty()) {
                firstTimestamp = firstTimestamp == null ? timestamp : firstTimestamp;
                lastTimestamp = timestamp;
            }
            String session = line.member("sessionId").stringValue();
            if (sessionId == null && !session.isEmpty()) {
                sessionId = session;
            }
            JsonValue message = line.member("message");
            switch (line.member("type").stringValue()) {
                case "user" -> acceptUser(line, message);
                case "assistant" -> acceptAssistant(message, lineNumber);
                default -> {
                    // progress, system, file-history-snapshot... carry nothing we report
                }
            }
        }

        private void acceptUser(JsonValue line, JsonValue message) {
            if (line.member("isMeta").isTrue() || line.member("isCompactSummary").isTrue()
                    || startedByClaudeCode(line)) {
                return;
            }
            String text = text(message.member("content"), "\n\n");
            if (isTypedPrompt(text)) {
                prompts.add(text);
            }
        }

        private void acceptAssistant(JsonValue message, long lineNumber) {
            String lineModel = message.member("model").stringValue();
            if (!lineModel.isEmpty()) {
                model = lineModel;
            }
            JsonValue usage = message.member("usage");
            if (!usage.isNull()) {
                String id = message.member("id").stringValue();
                String key = id.isEmpty() ? "line " + lineNumber : id;
                JsonValue seen = usageByMessage.get(key);
                if (seen == null || outputTokens(usage) > outputTokens(seen)) {
                    usageByMessage.put(key, usage);
                }
            }
            addToolUses(files, message);
        }

        /** A turn Claude Code began itself, such as the one reporting a background agent's result to the model. */
        private static boolean startedByClaudeCode(JsonValue line) {
            return line.member("promptSource").stringValue().equals("system")
                    || line.member("turnOrigin").stringValue().equals("task_notification");
        }

        /** The analysis, given how many lines the whole transcript has. */
        public TranscriptAnalysis result(long lineCount) {
            long input = 0;
            long cacheCreation = 0;
            long cacheRead = 0;
            long output = 0;
            for (JsonValue usage : usageByMessage.values()) {
                input = TokenCount.sum(input, count(usage, "input_tokens"));
                cacheCreation = TokenCount.sum(cacheCreation, cacheCreationTokens(usage));
                cacheRead = TokenCount.sum(cacheRead, count(usage, "cache_read_input_tokens"));
                output = TokenCount.sum(output, count(usage, "output_tokens"));
            }
            TokenUsage tokens = new TokenUsage(input, cacheCreation, cacheRead, output, usageByMessage.size());
            return new TranscriptAnalysis(prompts, files.sorted(), tokens, model, prompts.size(),
                    new TranscriptPosition(TranscriptPosition.Unit.LINE, lineCount), lineCount,
                    skippedLines, Optional.ofNullable(firstTimestamp), Optional.ofNullable(lastTimestamp),
                    Optional.ofNullable(sessionId));
        }

        private static long outputTokens(JsonValue usage) {
            return TokenCount.of(usage.member("output_tokens"));
        }

        /** The cache write: its total, or the sum of its split by cache lifetime when a line gives only that. */
        private static long cacheCreationTokens(JsonValue usage) {
            if (!usage.member("cache_creation_input_tokens").isNull()) {
                return count(usage, "cache_creation_input_tokens");
            }
            JsonValue split = usage.member("cache_creation");
            return count(split, "ephemeral_5m_input_tokens") + count(split, "ephemeral_1h_input_tokens");
        }

        private static long count(JsonValue usage, String name) {
            return TokenCount.of(usage.member(name));
        }
    }
}
