package io.entire.core.git;

import static java.util.Objects.requireNonNull;

/** A git object name in hex (SHA-1 or SHA-256), validated when built. */
public record ObjectId(String hex) {
    public ObjectId {
        requireNonNull(hex, "hex is null");
        if (!isLowerHex(hex)) {
            throw new IllegalArgumentException("not a git object id: '" + hex + "'");
        }
    }

    /** 40 or 64 lowercase hex digits; by hand, since migrations build hundreds of thousands of ids. */
    private static boolean isLowerHex(String text) {
        if (text.length() != 40 && text.length() != 64) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    public static ObjectId of(String hex) {
        return new ObjectId(hex);
    }

    /** The all-zero id of the same length, which git reads as "must not exist" in a ref update. */
    public static ObjectId zero(int hexLength) {
        return new ObjectId("0".repeat(hexLength));
    }

    public boolean isZero() {
        return hex.chars().allMatch(c -> c == '0');
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
