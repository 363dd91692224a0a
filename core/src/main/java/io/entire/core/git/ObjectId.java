package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import io.entire.core.Hex;

/** A git object name in hex (SHA-1 or SHA-256), validated when built. */
public record ObjectId(String hex) {
    public ObjectId {
        requireNonNull(hex, "hex is null");
        if (!Hex.isLowerHex(hex, 40) && !Hex.isLowerHex(hex, 64)) {
            throw new IllegalArgumentException("not a git object id: '" + hex + "'");
        }
    }

    // Written out: a record's generated equals and hashCode bind through invokedynamic on first use, which spins
    // method-handle classes outside the start-up cache (about 12 ms of a post-commit hook).
    @Override
    public boolean equals(Object other) {
        return other instanceof ObjectId id && hex.equals(id.hex);
    }

    @Override
    public int hashCode() {
        return hex.hashCode();
    }

    public static ObjectId of(String hex) {
        return new ObjectId(hex);
    }

    /** The all-zero id of the same length, which git reads as "must not exist" in a ref update. */
    public static ObjectId zero(int hexLength) {
        return new ObjectId("0".repeat(hexLength));
    }

    public boolean isZero() {
        for (int i = 0; i < hex.length(); i++) {   // a loop: the first stream pipeline costs a light hook 0.5 ms
            if (hex.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

    /** The first seven characters, for messages. */
    public String abbreviated() {
        return hex.substring(0, 7);
    }

    @Override
    public String toString() {
        return hex;
    }
}
