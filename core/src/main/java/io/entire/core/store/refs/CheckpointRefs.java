package io.entire.core.store.refs;

import io.entire.core.git.RefName;
import io.entire.core.id.CheckpointId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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

    /**
     * Every name this id's ref may have: the id under each shard {@link #checkpointOf} accepts for it, in every
     * spelling of the shard's case. Given to for-each-ref, exact names are looked up where a glob such as
     * {@link #anyShardPattern} makes git read every checkpoint ref (40-170 ms over 100,000 of them).
     */
    public static List<String> candidateRefs(CheckpointId id) {
        String value = id.value();
        Set<String> shards = new LinkedHashSet<>(caseSpellings(value.substring(value.length() - 2)));
        if (id.kind() == CheckpointId.Kind.LEGACY_HEX) {
            shards.addAll(caseSpellings(value.substring(0, 2)));
        }
        List<String> names = new ArrayList<>(shards.size());
        shards.forEach(shard -> names.add(PREFIX + shard + "/" + value));
        return names;
    }

    private static Set<String> caseSpellings(String shard) {
        Set<String> spellings = new LinkedHashSet<>();
        for (char first : new char[] {Character.toLowerCase(shard.charAt(0)), Character.toUpperCase(shard.charAt(0))}) {
            for (char second : new char[] {Character.toLowerCase(shard.charAt(1)),
                    Character.toUpperCase(shard.charAt(1))}) {
                spellings.add("" + first + second);
            }
        }
        return spellings;
    }

    /** A for-each-ref pattern that matches this id under any shard. */
    public static String anyShardPattern(CheckpointId id) {
        return PREFIX + "*/" + id.value();
    }
}
