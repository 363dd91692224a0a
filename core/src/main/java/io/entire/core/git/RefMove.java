package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One ref's move in a transaction ({@link Refs#moveAll}): from the value it must hold to {@code newValue}, or deleted
 * when {@code newValue} is empty.
 */
public record RefMove(RefName ref, Expected expected, Optional<ObjectId> newValue) {
    public RefMove {
        requireNonNull(ref, "ref is null");
        requireNonNull(expected, "expected is null");
        requireNonNull(newValue, "newValue is null");
        if (newValue.isEmpty() && expected.value().isEmpty()) {
            throw new IllegalArgumentException("deleting " + ref.name() + " needs the value it must hold");
        }
    }

    public static RefMove update(RefName ref, Expected expected, ObjectId newValue) {
        return new RefMove(ref, expected, Optional.of(newValue));
    }

    public static RefMove delete(RefName ref, ObjectId expected) {
        return new RefMove(ref, Expected.value(expected), Optional.empty());
    }
}
