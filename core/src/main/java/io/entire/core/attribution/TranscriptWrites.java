package io.entire.core.attribution;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.RecordedWrite;
import io.entire.core.agent.claudecode.KnownWrites;
import io.entire.core.agent.claudecode.RecordedWrites;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonNull;
import io.entire.core.json.JsonNumber;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The writes a redacted transcript's bytes up to {@link #end()} record, as attribution reads them, kept between
 * checkpoints so that the next one reads on from there instead of from the transcript's start.
 */
public final class TranscriptWrites {
    /** Nothing read yet. */
    public static final TranscriptWrites NONE = new TranscriptWrites(KnownWrites.NONE);

    private final KnownWrites known;

    private TranscriptWrites(KnownWrites known) {
        this.known = requireNonNull(known, "known is null");
    }

    /** Where reading stopped: the end of a line of the redacted transcript. */
    public long end() {
        return known.end();
    }

    /** These and what the bytes of {@code transcript} from {@link #end()} up to {@code to} record. */
    public TranscriptWrites readOn(Path transcript, long to) throws IOException {
        return new TranscriptWrites(RecordedWrites.readOn(transcript, known, to));
    }

    List<RecordedWrite> writes() {
        return known.writes();
    }

    public JsonObject toJson() {
        List<JsonValue> list = new ArrayList<>();
        for (RecordedWrite write : known.writes()) {
            list.add(new JsonArray(List.of(new JsonString(write.filePath()), new JsonString(write.content()),
                    optional(write.prompt()))));
        }
        Map<String, JsonValue> members = new LinkedHashMap<>();
        members.put("end", JsonNumber.of(known.end()));
        members.put("prompt", optional(known.prompt()));
        members.put("list", new JsonArray(list));
        return new JsonObject(members);
    }

    /** Reads {@link #toJson}; anything else is an {@link IllegalArgumentException} or a JSON format exception. */
    public static TranscriptWrites fromJson(JsonObject json) {
        List<RecordedWrite> writes = new ArrayList<>();
        for (JsonValue value : member(json, "list").elements()) {
            List<JsonValue> fields = value.elements();
            if (fields.size() != 3) {
                throw new IllegalArgumentException("write " + value);
            }
            writes.add(new RecordedWrite(fields.get(0).stringValue(), fields.get(1).stringValue(),
                    optional(fields.get(2))));
        }
        if (!(member(json, "end") instanceof JsonNumber end)) {
            throw new IllegalArgumentException("end is not a number");
        }
        return new TranscriptWrites(new KnownWrites(end.longValue(), writes, optional(member(json, "prompt"))));
    }

    private static JsonValue member(JsonObject json, String key) {
        return json.find(key).orElseThrow(() -> new IllegalArgumentException("no " + key));
    }

    private static JsonValue optional(Optional<String> text) {
        return text.<JsonValue>map(JsonString::new).orElse(JsonNull.INSTANCE);
    }

    private static Optional<String> optional(JsonValue value) {
        return value instanceof JsonNull ? Optional.empty() : Optional.of(value.stringValue());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TranscriptWrites writes && known.equals(writes.known);
    }

    @Override
    public int hashCode() {
        return known.hashCode();
    }

    @Override
    public String toString() {
        return known.writes().size() + " writes up to " + known.end();
    }
}
