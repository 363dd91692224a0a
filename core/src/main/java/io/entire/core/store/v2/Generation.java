package io.entire.core.store.v2;

import static java.util.Objects.requireNonNull;

import io.entire.core.id.CheckpointId;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import io.entire.core.json.JsonWriter;
import io.entire.core.model.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code generation.json} at the root of a v2 {@code /full} ref (FORMATS.md 4): the checkpoints whose raw
 * transcripts it holds and the span of their creation times. Extra fields other writers add are ignored.
 */
public record Generation(List<CheckpointId> checkpoints, Optional<Instant> oldest, Optional<Instant> newest) {
    public static final String FILE = "generation.json";
    public static final Generation EMPTY = new Generation(List.of(), Optional.empty(), Optional.empty());
    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    public Generation {
        checkpoints = List.copyOf(checkpoints);
        requireNonNull(oldest, "oldest is null");
        requireNonNull(newest, "newest is null");
    }

    /** This generation with a checkpoint added (once) and the time span widened to its creation time. */
    public Generation with(CheckpointId id, Instant createdAt) {
        List<CheckpointId> ids = new ArrayList<>(checkpoints);
        if (!ids.contains(id)) {
            ids.add(id);
        }
        Instant first = oldest.filter(time -> time.isBefore(createdAt)).orElse(createdAt);
        Instant last = newest.filter(time -> time.isAfter(createdAt)).orElse(createdAt);
        return new Generation(ids, Optional.of(first), Optional.of(last));
    }

    public boolean contains(CheckpointId id) {
        return checkpoints.contains(id);
    }

    public static Generation parse(byte[] json) {
        JsonObject object = new JsonReader().parseObject(json);
        List<CheckpointId> ids = new ArrayList<>();
        object.strings("checkpoints").forEach(text -> CheckpointId.parse(text).ifPresent(ids::add));
        return new Generation(ids, time(object, "oldest_checkpoint_at"), time(object, "newest_checkpoint_at"));
    }

    /** The Go tool seeds a generation with its zero time, year 1: no checkpoint yet, so no time. */
    private static Optional<Instant> time(JsonObject object, String key) {
        return object.findString(key).flatMap(Timestamps::parse).filter(time -> time.isAfter(GO_ZERO_TIME));
    }

    public byte[] toJson() {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        members.put("checkpoints", JsonArray.ofStrings(checkpoints.stream().map(CheckpointId::value).toList()));
        oldest.ifPresent(time -> members.put("oldest_checkpoint_at", new JsonString(Timestamps.format(time))));
        newest.ifPresent(time -> members.put("newest_checkpoint_at", new JsonString(Timestamps.format(time))));
        return JsonWriter.pretty(new JsonObject(members));
    }
}
