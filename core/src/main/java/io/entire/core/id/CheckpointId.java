package io.entire.core.id;

import static java.util.Objects.requireNonNull;

import io.entire.core.Hex;
import io.entire.core.RandomSource;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/** A validated checkpoint id: 12 lowercase hex characters (legacy) or a ULID (FORMATS.md 1). */
public record CheckpointId(String value) implements Comparable<CheckpointId> {
    /** Which of the two id formats this is. */
    public enum Kind {
        LEGACY_HEX,
        ULID
    }

    public CheckpointId {
        requireNonNull(value, "value is null");
        if (!isLegacy(value) && !Ulid.isValid(value)) {
            throw new InvalidIdException("invalid checkpoint id '" + SessionId.printable(value)
                    + "': expected 12 lowercase hex characters or a 26-character ULID");
        }
    }

    // Written out: a record's generated equals and hashCode bind through invokedynamic on first use, which spun 13
    // method-handle classes outside the start-up cache in every explain (about 10 ms).
    @Override
    public boolean equals(Object other) {
        return other instanceof CheckpointId id && value.equals(id.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    public static CheckpointId of(String value) {
        return new CheckpointId(value);
    }

    /** The id if the text is one, else empty; for probing user input that may also be a commit. */
    public static Optional<CheckpointId> parse(String value) {
        if (isLegacy(value) || Ulid.isValid(value)) {
            return Optional.of(new CheckpointId(value));
        }
        return Optional.empty();
    }

    private static boolean isLegacy(String value) {
        return Hex.isLowerHex(value, 12);
    }

    /** A new legacy id from 6 bytes of secure randomness. */
    public static CheckpointId newLegacy(RandomSource random) {
        byte[] bytes = new byte[6];
        random.nextBytes(bytes);
        return new CheckpointId(HexFormat.of().formatHex(bytes));
    }

    /** A new ULID id stamped with the given creation time. */
    public static CheckpointId newUlid(Instant createdAt, RandomSource random) {
        return new CheckpointId(Ulid.generate(createdAt, random));
    }

    public Kind kind() {
        return value.length() == Ulid.LENGTH ? Kind.ULID : Kind.LEGACY_HEX;
    }

    /** The creation time encoded in a ULID; legacy ids carry none. */
    public Optional<Instant> createdAt() {
        return kind() == Kind.ULID ? Ulid.timestamp(value) : Optional.empty();
    }

    /** The folder of this checkpoint in a v1/v2 tree: {@code <id[0:2]>/<id[2:]>}. */
    public String treePath() {
        return value.substring(0, 2) + "/" + value.substring(2);
    }

    /** The shard of the per-checkpoint ref: the last two characters, of a ULID and of a legacy id alike. */
    public String refShard() {
        return value.substring(value.length() - 2);
    }

    @Override
    public int compareTo(CheckpointId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
