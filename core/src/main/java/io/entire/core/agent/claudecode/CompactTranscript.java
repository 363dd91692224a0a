package io.entire.core.agent.claudecode;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;
import io.entire.core.agent.CompactTranscriptLine;
import io.entire.core.json.JsonLinesReader;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import io.entire.core.json.JsonWriter;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        if (startLine < 0) {
            throw new IllegalArgumentException("negative startLine " + startLine);
        }
        Converter converter = new Converter(out, cliVersion);
        JsonReader json = new JsonReader();
        JsonLinesReader lines = new JsonLinesReader(raw);
        long lineNumber = 0;
        try {
            while (lines.next()) {
                lineNumber++;
                if (lineNumber > startLine && !lines.isBlank()) {
                    json.findValue(lines.bytes(), 0, lines.length()).ifPresent(converter::accept);
                }
            }
        } catch (IOException e) {
            throw failure(e);
        }
        return converter.finish();
    }

    private static EntireException failure(IOException e) {
        return new EntireException(EntireException.Category.STORAGE, "cannot write compact transcript: "
                + e.getMessage(), e);
    }

    /**
     * The conversion fed line by line, for a caller that reads the raw transcript for other reasons too: each
     * non-blank line of the slice that parses as JSON, then {@link #finish()}.
     */
    public static final class Converter {
        private final OutputStream out;
        private final String cliVersion;
        private PendingAssistant pending;
        private long written;

        public Converter(OutputStream out, String cliVersion) {
            // Buffered here because compact lines are written one by one and the caller's stream may not be; one in
            // memory needs no buffer (a migration converts thousands of small transcripts).
            requireNonNull(out, "out is null");
            this.out = out instanceof ByteArrayOutputStream ? out : new BufferedOutputStream(out, 16 * 1024);
            this.cliVersion = requireNonNull(cliVersion, "cliVersion is null");
        }

        /** One raw line, parsed. */
        public void accept(JsonValue line) {
            try {
                convert(line);
            } catch (IOException e) {
                throw failure(e);
            }
        }

        /** Writes what is still pending and flushes; returns how many compact lines were written. */
        public long finish() {
            try {
                flush();
                out.flush();
            } catch (IOException e) {
                throw failure(e);
            }
            return written;
        }

        private void convert(JsonValue line) throws IOException {
            JsonValue message = line.member("message");
            switch (line.member("type").stringValue()) {
                case "assistant" -> {
                    String id = message.member("id").stringValue();
                    if (pending == null || !pending.continues(id)) {
                        flush();
                        pending = new PendingAssistant(id);
                    }
                    pending.add(line, message);
                }
                case "user" -> acceptUser(line, message.member("content"));
                default -> {
                    // progress, system, file-history-snapshot...: dropped, and they do not end a pending message
                }
            }
        }

        private void acceptUser(JsonValue line, JsonValue content) throws IOException {
            List<JsonValue> blocks = new ArrayList<>();
            if (content instanceof JsonString text) {
                blocks.add(textBlock(text.value()));
            }
            for (JsonValue block : content.elements()) {
                switch (block.member("type").stringValue()) {
                    case "tool_result" -> {
                        // A result for a tool call we no longer hold (or never saw) has nowhere to go.
                        if (pending != null) {
                            pending.attach(block);
                        }
                    }
                    case "text" -> blocks.add(textBlock(block.member("text").stringValue()));
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
            writeLine("user", line.member("timestamp"), "", 0, 0, blocks);
        }

        private void flush() throws IOException {
            if (pending != null && !pending.content().isEmpty()) {
                writeLine("assistant", pending.timestamp(), pending.id(), pending.inputTokens(),
                        pending.outputTokens(), pending.content());
            }
            pending = null;
        }

        private void writeLine(String type, JsonValue timestamp, String id, long inputTokens, long outputTokens,
                List<JsonValue> content) throws IOException {
            JsonObject line = new CompactTranscriptLine(AGENT, cliVersion, type, timestamp, id, inputTokens,
                    outputTokens, content).toJson();
            out.write(JsonWriter.compact(line).getBytes(StandardCharsets.UTF_8));
            out.write('\n');
            written++;
        }

        private static JsonValue textBlock(String text) {
            Map<String, JsonValue> members = new LinkedHashMap<>();
            members.put("text", new JsonString(text));
            return new JsonObject(members);
        }
    }
}
