package io.entire.core.agent.claudecode;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Converts a raw Claude Code transcript into the compact transcript of FORMATS.md 2.4, streaming: memory holds one
 * line and the assistant message whose tool results are still to come.
 */
public final class CompactTranscript {
    private static final String AGENT = "claude-code";

    private CompactTranscript() {
    }

    /** Writes the compact lines for the raw lines after the first {@code startLine}; returns how many it wrote. */
    public static long write(InputStream raw, long startLine, OutputStream out, String cliVersion) {
        requireNonNull(raw, "raw is null");
        requireNonNull(out, "out is null");
        requireNonNull(cliVersion, "cliVersion is null");
        if (startLine < 0) {
            throw new IllegalArgumentException("negative startLine " + startLine);
        }
        try {
            GoJsonWriter writer = new GoJsonWriter(out);
            Conversion conversion = new Conversion(writer, cliVersion);
            LineReader lines = new LineReader(raw);
            long lineNumber = 0;
            while (lines.next()) {
                lineNumber++;
                if (lineNumber > startLine && !lines.isBlank()) {
                    Optional<JsonValue> line = JsonTree.parse(lines.bytes(), lines.length());
                    if (line.isPresent()) {
                        conversion.accept(line.get());
                    }
                }
            }
            conversion.flush();
            writer.flush();
            return conversion.written;
        } catch (IOException e) {
            throw new EntireException(EntireException.Category.STORAGE,
                    "cannot write compact transcript: " + e.getMessage(), e);
        }
    }

    private static final class Conversion {
        private final GoJsonWriter writer;
        private final String cliVersion;
        private PendingAssistant pending;
        private long written;

        Conversion(GoJsonWriter writer, String cliVersion) {
            this.writer = writer;
            this.cliVersion = cliVersion;
        }

        void accept(JsonValue line) throws IOException {
            JsonValue message = line.get("message");
            switch (line.get("type").text()) {
                case "assistant" -> {
                    String id = message.get("id").text();
                    if (pending == null || !pending.continues(id)) {
                        flush();
                        pending = new PendingAssistant(id);
                    }
                    pending.add(line, message);
                }
                case "user" -> acceptUser(line, message.get("content"));
                default -> {
                    // progress, system, file-history-snapshot...: dropped, and they do not end a pending message
                }
            }
        }

        private void acceptUser(JsonValue line, JsonValue content) throws IOException {
            List<JsonValue> blocks = new ArrayList<>();
            if (content instanceof JsonValue.StringValue text) {
                blocks.add(textBlock(text.value()));
            }
            for (JsonValue block : content.items()) {
                switch (block.get("type").text()) {
                    case "tool_result" -> {
                        // A result for a tool call we no longer hold (or never saw) has nowhere to go.
                        if (pending != null) {
                            pending.attach(block);
                        }
                    }
                    case "text" -> blocks.add(textBlock(block.get("text").text()));
                    case "image" -> blocks.add(block);
                    default -> {
                        // other block kinds have no place in the compact format
                    }
                }
            }
            if (blocks.isEmpty()) {
                return;
            }
            flush();
            writeLine("user", line.get("timestamp"), "", 0, 0, blocks);
        }

        void flush() throws IOException {
            if (pending != null && !pending.content().isEmpty()) {
                writeLine("assistant", pending.timestamp(), pending.id(), pending.inputTokens(),
                        pending.outputTokens(), pending.content());
            }
            pending = null;
        }

        private void writeLine(String type, JsonValue timestamp, String id, long inputTokens, long outputTokens,
                List<JsonValue> content) throws IOException {
            writer.beginObject();
            writer.name("v");
            writer.number(1);
            writer.name("agent");
            writer.string(AGENT);
            writer.name("cli_version");
            writer.string(cliVersion);
            writer.name("type");
            writer.string(type);
            if (!timestamp.isMissing()) {
                writer.name("ts");
                JsonTree.write(writer, timestamp);
            }
            if (!id.isEmpty()) {
                writer.name("id");
                writer.string(id);
            }
            // Zero counts are left out, like the Go writer's omitempty.
            if (inputTokens > 0) {
                writer.name("input_tokens");
                writer.number(inputTokens);
            }
            if (outputTokens > 0) {
                writer.name("output_tokens");
                writer.number(outputTokens);
            }
            writer.name("content");
            writer.beginArray();
            for (JsonValue block : content) {
                JsonTree.write(writer, block);
            }
            writer.endArray();
            writer.endObject();
            writer.newline();
            written++;
        }

        private static JsonValue textBlock(String text) {
            Map<String, JsonValue> members = new LinkedHashMap<>();
            members.put("text", new JsonValue.StringValue(text));
            return new JsonValue.ObjectValue(members);
        }
    }
}
