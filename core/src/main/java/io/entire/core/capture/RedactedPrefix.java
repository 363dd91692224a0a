package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.Sha256;
import io.entire.core.git.ObjectId;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonFormatException;
import io.entire.core.json.JsonNumber;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import io.entire.core.json.JsonWriter;
import io.entire.core.store.TranscriptChunks;
import io.entire.core.store.TranscriptPrefix;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a session keeps of its transcript's redaction between checkpoints: the source file, the complete lines of it
 * redacted so far, grown by one segment per checkpoint (each with the CRC-32C of its source bytes, so that a transcript
 * rewritten rather than appended is noticed), what the stored chunks of the redacted bytes are, the key of what
 * the redaction depends on (version, rules, chunk limit), and the agent's writes the redacted bytes record up to
 * where the last attribution read them (the end of an earlier prefix), so that the next one reads on from there.
 * Written as two lines: the description ({@link #header}) and the writes' text, which only attribution parses.
 */
record RedactedPrefix(Path source, String key, List<Segment> segments, TranscriptPrefix stored, KeptWrites writes) {
    /**
     * Source bytes up to {@code sourceEnd} (the end of a complete line, with their CRC-32C), which hold {@code lines}
     * lines and were redacted into the bytes up to {@code redactedEnd}.
     */
    record Segment(long sourceEnd, long crc32c, long lines, long redactedEnd) {
        Segment {
            if (sourceEnd < 0 || lines < 0 || redactedEnd < 0 || crc32c < 0 || crc32c > 0xffffffffL) {
                throw new IllegalArgumentException("segment " + sourceEnd + "/" + crc32c + "/" + lines + "/"
                        + redactedEnd);
            }
        }
    }

    RedactedPrefix {
        requireNonNull(source, "source is null");
        requireNonNull(key, "key is null");
        segments = List.copyOf(segments);
        requireNonNull(stored, "stored is null");
        Segment previous = new Segment(0, 0, 0, 0);
        for (Segment segment : segments) {
            if (segment.sourceEnd() < previous.sourceEnd() || segment.lines() < previous.lines()
                    || segment.redactedEnd() < previous.redactedEnd()) {
                throw new IllegalArgumentException("segment " + segment + " goes back from " + previous);
            }
            previous = segment;
        }
        if (stored.length() != previous.redactedEnd()) {
            throw new IllegalArgumentException("stored prefix of " + stored.length() + " bytes for "
                    + previous.redactedEnd() + " redacted bytes");
        }
        requireNonNull(writes, "writes is null");
    }

    /** Nothing redacted yet. */
    static RedactedPrefix empty(Path source, String key) {
        return new RedactedPrefix(source, key, List.of(), TranscriptPrefix.NONE, KeptWrites.NONE);
    }

    Segment end() {
        return segments.isEmpty() ? new Segment(0, 0, 0, 0) : segments.get(segments.size() - 1);
    }

    /** The last segment that ends at or before line {@code line}: where to start reading to reach it. */
    Segment before(long line) {
        Segment found = new Segment(0, 0, 0, 0);
        for (Segment segment : segments) {
            if (segment.lines() <= line) {
                found = segment;
            }
        }
        return found;
    }

    /**
     * This prefix grown by {@code segment}, with {@code stored} describing the redacted bytes up to its end and
     * {@code grownWrites} what they record.
     */
    RedactedPrefix grownBy(Segment segment, TranscriptPrefix grown, KeptWrites grownWrites) {
        List<Segment> all = new ArrayList<>(segments);
        if (segment.sourceEnd() > end().sourceEnd()) {
            all.add(segment);
        }
        return new RedactedPrefix(source, key, all, grown, grownWrites);
    }

    /** The description's line, then the writes' line. */
    byte[] toBytes() {
        byte[] header = JsonWriter.compact(header()).getBytes(StandardCharsets.UTF_8);
        byte[] written = writes.json();
        byte[] bytes = Arrays.copyOf(header, header.length + 1 + written.length + 1);
        bytes[header.length] = '\n';
        System.arraycopy(written, 0, bytes, header.length + 1, written.length);
        bytes[bytes.length - 1] = '\n';
        return bytes;
    }

    private JsonObject header() {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        members.put("source", new JsonString(source.toString()));
        members.put("key", new JsonString(key));
        List<JsonValue> segmentValues = new ArrayList<>();
        for (Segment segment : segments) {
            segmentValues.add(new JsonArray(List.of(JsonNumber.of(segment.sourceEnd()),
                    JsonNumber.of(segment.crc32c()), JsonNumber.of(segment.lines()),
                    JsonNumber.of(segment.redactedEnd()))));
        }
        members.put("segments", new JsonArray(segmentValues));
        members.put("hash", new JsonString(stored.hash().encoded()));
        List<JsonValue> chunkValues = new ArrayList<>();
        for (TranscriptChunks.Chunk chunk : stored.chunks()) {
            chunkValues.add(new JsonArray(List.of(JsonNumber.of(chunk.start()), JsonNumber.of(chunk.end()),
                    new JsonString(chunk.blob().hex()))));
        }
        members.put("chunks", new JsonArray(chunkValues));
        return new JsonObject(members);
    }

    /**
     * Reads {@link #toBytes}, leaving the writes' line as text; anything else is a {@link JsonFormatException} or
     * {@link IllegalArgumentException}.
     */
    static RedactedPrefix fromBytes(byte[] bytes) {
        int newline = 0;
        while (newline < bytes.length && bytes[newline] != '\n') {
            newline++;
        }
        JsonObject json = new JsonReader().parseObject(Arrays.copyOf(bytes, newline));
        KeptWrites writes = newline + 1 < bytes.length
                ? KeptWrites.text(Arrays.copyOfRange(bytes, newline + 1, bytes.length)) : KeptWrites.NONE;
        List<Segment> segments = new ArrayList<>();
        for (JsonValue value : array(json, "segments")) {
            List<JsonValue> fields = value.elements();
            if (fields.size() != 4) {
                throw new IllegalArgumentException("segment " + value);
            }
            segments.add(new Segment(number(fields.get(0)), number(fields.get(1)), number(fields.get(2)),
                    number(fields.get(3))));
        }
        List<TranscriptChunks.Chunk> chunks = new ArrayList<>();
        for (JsonValue value : array(json, "chunks")) {
            List<JsonValue> fields = value.elements();
            if (fields.size() != 3) {
                throw new IllegalArgumentException("chunk " + value);
            }
            chunks.add(new TranscriptChunks.Chunk(number(fields.get(0)), number(fields.get(1)),
                    ObjectId.of(fields.get(2).stringValue())));
        }
        return new RedactedPrefix(Path.of(string(json, "source")), string(json, "key"), segments,
                new TranscriptPrefix(Sha256.Midstate.parse(string(json, "hash")), chunks), writes);
    }

    private static List<JsonValue> array(JsonObject json, String key) {
        return json.findArray(key).orElseThrow(() -> new IllegalArgumentException("no " + key)).elements();
    }

    private static String string(JsonObject json, String key) {
        return json.findString(key).orElseThrow(() -> new IllegalArgumentException("no " + key));
    }

    private static long number(JsonValue value) {
        if (value instanceof JsonNumber number) {
            return number.longValue();
        }
        throw new IllegalArgumentException("not a number: " + value);
    }
}
