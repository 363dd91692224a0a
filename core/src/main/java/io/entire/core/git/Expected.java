package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** The value a ref must hold for an update to go ahead: a given object, or "must not exist". */
public record Expected(Optional<ObjectId> value) {
    public Expected {
        requireNonNull(value, "value is null");
        if (value.isPresent() && value.get().isZero()) {
            throw new IllegalArgumentException("use Expected.absent() for a ref that must not exist");
        }
    }

    public static Expected absent() {
        return new Expected(Optional.empty());
    }

    public static Expected value(ObjectId id) {
        return new Expected(Optional.of(id));
    }

    /** What a read of the ref found: its value, or absent. */
    public static Expected of(Optional<ObjectId> current) {
        return new Expected(current);
    }

    String forGit(int hexLength) {
        return value.map(ObjectId::hex).orElse("0".repeat(hexLength));
    }
}
