package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/** Whether a commit is signed: as the user's git config says, never, or with a given key. */
public record CommitSigning(Mode mode, Optional<String> key) {
    /** The three ways a commit can be signed or not. */
    public enum Mode {
        CONFIGURED,
        NEVER,
        WITH_KEY
    }

    public CommitSigning {
        requireNonNull(mode, "mode is null");
        requireNonNull(key, "key is null");
        if ((mode == Mode.WITH_KEY) != key.isPresent()) {
            throw new IllegalArgumentException("a signing key goes with WITH_KEY and only with it");
        }
        if (key.isPresent() && (key.get().isBlank() || key.get().startsWith("-") || key.get().contains("\n"))) {
            throw new IllegalArgumentException("invalid signing key '" + key.get() + "'");
        }
    }

    public static CommitSigning configured() {
        return new CommitSigning(Mode.CONFIGURED, Optional.empty());
    }

    public static CommitSigning never() {
        return new CommitSigning(Mode.NEVER, Optional.empty());
    }

    public static CommitSigning withKey(String key) {
        return new CommitSigning(Mode.WITH_KEY, Optional.of(key));
    }

    /** The commit-tree arguments that implement this choice. */
    List<String> arguments() {
        return switch (mode) {
            case CONFIGURED -> List.of();
            case NEVER -> List.of("--no-gpg-sign");
            case WITH_KEY -> List.of("-S" + key.orElseThrow());
        };
    }
}
