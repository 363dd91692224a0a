package io.entire.core.agent.gemini;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;
import io.entire.core.json.JsonFormatException;
import io.entire.core.json.JsonLinesReader;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import io.entire.core.json.LineTooLongException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Gemini CLI chat file read into its message list, as Gemini CLI 0.61 loads it. The file is JSON Lines: a metadata
 * record ({@code sessionId}, {@code projectHash}), message records (a repeated id replaces the message in place: the
 * last wins), {@code {"$set": ...}} patches whose {@code messages} replace the whole list, and
 * {@code {"$rewindTo": id}} records that drop that message and all after it. Older versions wrote one JSON document
 * with a {@code messages} array; it is read too. Lines that are not JSON are skipped and counted.
 *
 * <p>Positions in the chat are message indexes into {@link #messages()}, which leaves out the tool-result messages
 * Gemini CLI adds when it resumes a session (id {@code <reply id>_response}, repeating results the chat already
 * holds), so that an index taken before a resume still points at the same message after it. A resume's
 * {@code $set} list may also repeat earlier messages stripped to their content; such a message keeps the fields
 * (tokens, model, tool calls) of the earlier record of its id.
 *
 * <p>A {@code $set} list never drops a message here, only a {@code $rewindTo} does: when Gemini CLI compresses its
 * chat, the list it sets holds the context, a summary and an acknowledgement it made up, and copies of the messages it
 * kept under new ids, stripped; the session's messages stay as they were. A copy (a new id with the content of a
 * message the chat has) stands for that message, and the made-up messages of such a list are not the session's.
 */
final class GeminiChat {
    private static final String RESUME_COPY_SUFFIX = "_response";

    private final Optional<String> sessionId;
    private final List<GeminiMessage> messages;
    private final int skippedLines;
    private final long lineCount;

    private GeminiChat(Optional<String> sessionId, List<GeminiMessage> messages, int skippedLines, long lineCount) {
        this.sessionId = requireNonNull(sessionId, "sessionId is null");
        this.messages = List.copyOf(messages);
        this.skippedLines = skippedLines;
        this.lineCount = lineCount;
    }

    /** Reads the chat file; an unreadable file or a line over 50 MiB is an {@link EntireException} naming it. */
    public static GeminiChat read(Path file) {
        requireNonNull(file, "file is null");
        try {
            return parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new EntireException(EntireException.Category.STORAGE, "cannot read Gemini CLI chat " + file + ": "
                    + e.getMessage() + "; check that the file exists and is readable", e);
        } catch (LineTooLongException e) {
            throw new EntireException(EntireException.Category.STORAGE, "cannot read Gemini CLI chat " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** Parses a chat file's bytes. */
    public static GeminiChat parse(byte[] bytes) {
        requireNonNull(bytes, "bytes is null");
        JsonReader json = new JsonReader();
        Builder builder = new Builder();
        if (isSingleDocument(bytes, json)) {
            try {
                builder.accept(json.parseObject(bytes));
            } catch (JsonFormatException e) {
                builder.skip();
            }
            return builder.build(lineCount(bytes));
        }
        JsonLinesReader lines = new JsonLinesReader(new ByteArrayInputStream(bytes));
        long lineCount = 0;
        try {
            while (lines.next()) {
                lineCount++;
                if (lines.isBlank()) {
                    continue;
                }
                Optional<JsonValue> line = json.findValue(lines.bytes(), 0, lines.length());
                if (line.isPresent() && line.get() instanceof JsonObject record) {
                    builder.accept(record);
                } else {
                    builder.skip();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading bytes in memory failed", e);
        }
        return builder.build(lineCount);
    }

    /** The {@code sessionId} the chat's metadata names. */
    public Optional<String> sessionId() {
        return sessionId;
    }

    /** The conversation, in order: what a message index counts. */
    public List<GeminiMessage> messages() {
        return messages;
    }

    /** The messages from {@code index} on; an index past the end gives none. */
    public List<GeminiMessage> messagesFrom(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("negative message index " + index);
        }
        return messages.subList(Math.min(index, messages.size()), messages.size());
    }

    public int skippedLines() {
        return skippedLines;
    }

    /** The lines of the file, a last one without '\n' too. */
    public long lineCount() {
        return lineCount;
    }

    private static long lineCount(byte[] bytes) {
        long lines = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                lines++;
            }
        }
        return bytes.length > 0 && bytes[bytes.length - 1] != '\n' ? lines + 1 : lines;
    }

    // A JSON Lines file's first line is a whole record; a document written with indentation is not.
    private static boolean isSingleDocument(byte[] bytes, JsonReader json) {
        int start = 0;
        while (start < bytes.length && Character.isWhitespace(bytes[start])) {
            start++;
        }
        if (start == bytes.length || bytes[start] != '{') {
            return false;
        }
        int end = start;
        while (end < bytes.length && bytes[end] != '\n') {
            end++;
        }
        return json.findValue(bytes, start, end - start).isEmpty();
    }

    /** Applies records in file order, as Gemini CLI's loader does; for a caller that reads the lines itself. */
    static final class Builder {
        private final Map<String, GeminiMessage> byId = new LinkedHashMap<>();
        // Every message record seen, also those a later $set or $rewindTo dropped.
        private final Map<String, JsonObject> seen = new HashMap<>();
        // The new ids a compressing $set gave copies of messages, and the ids of the messages it made up.
        private final Map<String, String> copies = new HashMap<>();
        private final Set<String> madeUp = new HashSet<>();
        private Optional<String> sessionId = Optional.empty();
        private int skipped;

        /** A line that is not a JSON object. */
        void skip() {
            skipped++;
        }

        void accept(JsonObject record) {
            if (record.member("$rewindTo") instanceof JsonString rewindTo) {
                rewind(rewindTo.value());
            } else if (record.member("id") instanceof JsonString) {
                add(record);
            } else if (record.member("$set") instanceof JsonObject set) {
                set.findArray("messages").ifPresent(replacement -> replace(replacement.elements()));
                set.findString("sessionId").ifPresent(id -> sessionId = Optional.of(id));
            } else if (record.member("sessionId") instanceof JsonString id) {
                sessionId = Optional.of(id.value());
                record.member("messages").elements().forEach(this::addIfMessage);
            }
        }

        private void addIfMessage(JsonValue value) {
            if (value instanceof JsonObject record && record.member("id") instanceof JsonString) {
                add(record);
            }
        }

        /**
         * A {@code $set} of the whole list. One that leaves out messages the chat has (a compression, or a resumed
         * session's fresh file) makes new ids either copies of messages of the chat or messages it made up.
         */
        private void replace(List<JsonValue> replacement) {
            List<JsonObject> records = new ArrayList<>();
            Set<String> listed = new HashSet<>();
            for (JsonValue value : replacement) {
                if (value instanceof JsonObject record && record.member("id") instanceof JsonString id) {
                    records.add(record);
                    listed.add(id.value());
                }
            }
            boolean rewrite = !listed.containsAll(byId.keySet());
            Set<String> copied = new HashSet<>();
            for (JsonObject record : records) {
                String id = record.member("id").stringValue();
                if (!rewrite || seen.containsKey(id) || copies.containsKey(id)) {
                    addRepeated(record);
                } else {
                    Optional<String> original = copyOf(record, copied);
                    original.ifPresentOrElse(found -> {
                        copies.put(id, found);
                        copied.add(found);
                    }, () -> madeUp.add(id));
                }
            }
        }

        /**
         * The latest message of the chat not yet {@code copied} whose type and content {@code record} repeats: a
         * compression keeps the latest messages.
         */
        private Optional<String> copyOf(JsonObject record, Set<String> copied) {
            List<String> ids = new ArrayList<>(byId.keySet());
            for (int i = ids.size() - 1; i >= 0; i--) {
                JsonObject earlier = seen.get(ids.get(i));
                if (!copied.contains(ids.get(i)) && earlier.member("type").equals(record.member("type"))
                        && earlier.member("content").equals(record.member("content"))) {
                    return Optional.of(ids.get(i));
                }
            }
            return Optional.empty();
        }

        /** A message of a replacing list: what it leaves out is kept from the earlier record of its id. */
        private void addRepeated(JsonObject record) {
            JsonObject earlier = seen.get(original(record.member("id").stringValue()));
            if (earlier == null) {
                add(record);
                return;
            }
            Map<String, JsonValue> merged = new LinkedHashMap<>(earlier.members());
            merged.putAll(record.members());
            add(new JsonObject(merged));
        }

        // A map keeps a replaced message where it was first seen, as Gemini CLI's Map does.
        private void add(JsonObject record) {
            String id = record.member("id").stringValue();
            if (madeUp.contains(id)) {
                return;
            }
            JsonObject stored = copies.containsKey(id) ? withId(record, copies.get(id)) : record;
            GeminiMessage message = GeminiMessage.of(stored);
            byId.put(message.id(), message);
            seen.put(message.id(), stored);
        }

        private String original(String id) {
            return copies.getOrDefault(id, id);
        }

        private static JsonObject withId(JsonObject record, String id) {
            Map<String, JsonValue> members = new LinkedHashMap<>(record.members());
            members.put("id", new JsonString(id));
            return new JsonObject(members);
        }

        private void rewind(String rewindTo) {
            if (madeUp.contains(rewindTo)) {
                return;   // the chat before a compression's summary is the whole chat here
            }
            String id = original(rewindTo);
            if (!byId.containsKey(id)) {
                byId.clear();
                return;
            }
            boolean found = false;
            for (Iterator<String> ids = byId.keySet().iterator(); ids.hasNext(); ) {
                found |= ids.next().equals(id);
                if (found) {
                    ids.remove();
                }
            }
        }

        /** The chat the records so far make, read from a file of {@code lineCount} lines. */
        GeminiChat build(long lineCount) {
            Set<String> replies = new HashSet<>();
            List<GeminiMessage> conversation = new ArrayList<>();
            for (GeminiMessage message : byId.values()) {
                if (message.isModelReply()) {
                    replies.add(message.id());
                }
                if (message.isUser() && message.id().endsWith(RESUME_COPY_SUFFIX) && replies.contains(
                        message.id().substring(0, message.id().length() - RESUME_COPY_SUFFIX.length()))) {
                    continue;
                }
                conversation.add(message);
            }
            return new GeminiChat(sessionId, conversation, skipped, lineCount);
        }
    }
}
