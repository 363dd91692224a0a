package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * Whether a commit is signed: as {@code git commit} would sign it under the user's git config ({@code commit.gpgSign},
 * with {@code user.signingKey}, {@code gpg.format} and {@code gpg.program}), never, or with a given key.
 */
public record CommitSigning(Mode mode, Optional<String> key) {
    /** The ways a commit can be signed or not. */
    public enum Mode {
        CONFIGURED,
        NEVER,
        WITH_KEY,
        /** Signed with the key git config names, whatever {@code commit.gpgSign} says. */
        ALWAYS
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

    public static CommitSigning always() {
        return new CommitSigning(Mode.ALWAYS, Optional.empty());
    }

    public static CommitSigning withKey(String key) {
        return new CommitSigning(Mode.WITH_KEY, Optional.of(key));
    }

    /**
     * The commit-tree arguments that implement this choice. commit-tree ignores {@code commit.gpgSign}, so the caller
     * says what it is; the key, format and program commit-tree reads from the config itself.
     */
    List<String> arguments(boolean configSigns) {
        return switch (mode) {
            case CONFIGURED -> configSigns ? List.of("-S") : List.of("--no-gpg-sign");
            case NEVER -> List.of("--no-gpg-sign");
            case WITH_KEY -> List.of("-S" + key.orElseThrow());
            case ALWAYS -> List.of("-S");
        };
    }
}
