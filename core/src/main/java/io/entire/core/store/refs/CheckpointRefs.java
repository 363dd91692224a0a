package io.entire.core.store.refs;

import io.entire.core.git.RefName;
import io.entire.core.id.CheckpointId;
import java.util.Optional;

/** Names of per-checkpoint refs (FORMATS.md 5): {@code refs/entire/checkpoints/<shard>/<id>}. */
public final class CheckpointRefs {
    public static final String PREFIX = "refs/entire/checkpoints/";

    private CheckpointRefs() {
    }

    /**
     * The ref this program writes for an id: under its last two characters, as the Go tool names every id; earlier
     * versions put legacy hex ids under their first two, which readers still accept and the refs migration moves.
     */
    public static RefName refFor(CheckpointId id) {
        return RefName.of(PREFIX + id.refShard() + "/" + id.value());
    }

    /**
     * The checkpoint a ref names, when it has exactly the shape of a checkpoint ref: a valid id under a shard that
     * one of the writers' rules gives for it (compared case-insensitively). {@code v2/...} and anything else is not.
     */
    public static Optional<CheckpointId> checkpointOf(RefName ref) {
        String name = ref.name();
        if (!name.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = name.substring(PREFIX.length()).split("/", -1);
        if (parts.length != 2 || parts[0].length() != 2) {
            return Optional.empty();
        }
        Optional<CheckpointId> id = CheckpointId.parse(parts[1]);
        return id.filter(candidate -> shardFits(parts[0], candidate));
    }

    private static boolean shardFits(String shard, CheckpointId id) {
        String value = id.value();
        String first = value.substring(0, 2);
        String last = value.substring(value.length() - 2);
        return switch (id.kind()) {
            case ULID -> shard.equalsIgnoreCase(last);
            case LEGACY_HEX -> shard.equalsIgnoreCase(first) || shard.equalsIgnoreCase(last);
        };
    }

    /** A for-each-ref pattern that matches this id under any shard. */
    public static String anyShardPattern(CheckpointId id) {
        return PREFIX + "*/" + id.value();
    }
}
