package io.entire.core.id;

import io.entire.core.RandomSource;
import java.time.Instant;
import java.util.Optional;

/** Crockford base32 ULIDs (FORMATS.md 1): 48-bit millisecond time + 80 random bits, 26 characters. */
public final class Ulid {
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int LENGTH = 26;
    private static final long MAX_TIME = (1L << 48) - 1;

    private Ulid() {
    }

    /** A new ULID for the given time, with 80 bits from the given source of randomness. */
    public static String generate(Instant time, RandomSource random) {
        long millis = time.toEpochMilli();
        if (millis < 0 || millis > MAX_TIME) {
            throw new IllegalArgumentException("time out of ULID range: " + time);
        }
        byte[] bits = new byte[16];                 // 48 time bits, then 80 random bits
        for (int i = 0; i < 6; i++) {
            bits[i] = (byte) (millis >>> (40 - 8 * i));
        }
        byte[] entropy = new byte[10];
        random.nextBytes(entropy);
        System.arraycopy(entropy, 0, bits, 6, 10);
        // 26 characters x 5 bits = 130: the 128-bit value is read as if it had two leading zero bits.
        char[] out = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            int value = 0;
            for (int bit = i * 5 - 2; bit < i * 5 + 3; bit++) {
                int set = bit < 0 ? 0 : (bits[bit >>> 3] >>> (7 - (bit & 7))) & 1;
                value = (value << 1) | set;
            }
            out[i] = ALPHABET.charAt(value);
        }
        return new String(out);
    }

    /** The millisecond timestamp of a strictly valid ULID, empty when the text is not one. */
    public static Optional<Instant> timestamp(String text) {
        if (!isValid(text)) {
            return Optional.empty();
        }
        long millis = 0;
        for (int i = 0; i < 10; i++) {
            millis = (millis << 5) | ALPHABET.indexOf(text.charAt(i));
        }
        return Optional.of(Instant.ofEpochMilli(millis));
    }

    /** True when the text decodes strictly and would re-encode to exactly itself. */
    public static boolean isValid(String text) {
        if (text.length() != LENGTH || text.charAt(0) > '7') {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (ALPHABET.indexOf(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
