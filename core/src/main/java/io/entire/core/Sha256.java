package io.entire.core;

import static java.util.Objects.requireNonNull;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * SHA-256 (FIPS 180-4), and the {@code sha256:<hex>} form the stores write as a transcript's content hash.
 *
 * <p>Our own rather than {@code MessageDigest}: in a hook's JVM (C1 only, so no SHA intrinsic) the JCA took ~4.5 ms
 * to set up its providers, and its digest of a 1 MB transcript ran more than twice as long as this loop, which
 * assembles words with plain shifts instead of the JDK's VarHandle views. Not thread-safe; {@link #digest} resets.
 */
public final class Sha256 {
    private static final int[] ROUND_CONSTANTS = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
    private static final int[] INITIAL_STATE = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    private static final int BLOCK = 64;

    private final int[] state = INITIAL_STATE.clone();
    private final int[] schedule = new int[64];
    private final byte[] pending = new byte[BLOCK];
    private int pendingLength;
    private long totalLength;

    /** A hash that continues from {@code midstate}: as if the bytes it was taken after had been given to it. */
    public static Sha256 resume(Midstate midstate) {
        Sha256 sha256 = new Sha256();
        System.arraycopy(midstate.words, 0, sha256.state, 0, sha256.state.length);
        System.arraycopy(midstate.pending, 0, sha256.pending, 0, midstate.pending.length);
        sha256.pendingLength = midstate.pending.length;
        sha256.totalLength = midstate.length;
        return sha256;
    }

    /** The state after the bytes given so far, to go on from in another process ({@link #resume}). */
    public Midstate midstate() {
        return new Midstate(state, totalLength, Arrays.copyOf(pending, pendingLength));
    }

    /** The digest of {@code bytes}. */
    public static byte[] digest(byte[] bytes) {
        return new Sha256().update(bytes, 0, bytes.length).digest();
    }

    /** {@code sha256:} and the lowercase hex of the digest of {@code bytes}. */
    public static String contentHash(byte[] bytes) {
        return new Sha256().update(bytes, 0, bytes.length).contentHash();
    }

    public Sha256 update(byte[] bytes, int offset, int length) {
        if (offset < 0 || length < 0 || offset > bytes.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + " of " + bytes.length);
        }
        totalLength += length;
        if (pendingLength > 0) {
            int taken = Math.min(BLOCK - pendingLength, length);
            System.arraycopy(bytes, offset, pending, pendingLength, taken);
            pendingLength += taken;
            offset += taken;
            length -= taken;
            if (pendingLength < BLOCK) {
                return this;
            }
            compress(pending, 0);
            pendingLength = 0;
        }
        for (; length >= BLOCK; offset += BLOCK, length -= BLOCK) {
            compress(bytes, offset);
        }
        System.arraycopy(bytes, offset, pending, 0, length);
        pendingLength = length;
        return this;
    }

    /** The digest of everything given so far; this instance then starts over. */
    public byte[] digest() {
        long bits = totalLength * 8;
        byte[] padding = new byte[(pendingLength < BLOCK - 8 ? BLOCK : 2 * BLOCK) - pendingLength];
        padding[0] = (byte) 0x80;
        for (int i = 0; i < 8; i++) {
            padding[padding.length - 1 - i] = (byte) (bits >>> (8 * i));
        }
        update(padding, 0, padding.length);
        byte[] digest = new byte[32];
        for (int i = 0; i < 8; i++) {
            digest[4 * i] = (byte) (state[i] >>> 24);
            digest[4 * i + 1] = (byte) (state[i] >>> 16);
            digest[4 * i + 2] = (byte) (state[i] >>> 8);
            digest[4 * i + 3] = (byte) state[i];
        }
        System.arraycopy(INITIAL_STATE, 0, state, 0, state.length);
        pendingLength = 0;
        totalLength = 0;
        return digest;
    }

    /** A stream that gives this digest whatever is written to it. */
    public OutputStream stream() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                update(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                update(bytes, offset, length);
            }
        };
    }

    /** {@code sha256:} and the lowercase hex of {@link #digest}. */
    public String contentHash() {
        return "sha256:" + HexFormat.of().formatHex(digest());
    }

    /**
     * The state of a hash after {@code length} bytes: its eight words and the bytes of the block not yet compressed.
     * {@link #encoded} gives it as text, for a cache file; {@link #parse} reads that back.
     */
    public static final class Midstate {
        private final int[] words;
        private final long length;
        private final byte[] pending;

        private Midstate(int[] words, long length, byte[] pending) {
            if (words.length != INITIAL_STATE.length || length < 0 || pending.length != length % BLOCK) {
                throw new IllegalArgumentException("not a SHA-256 state: " + words.length + " words, " + length
                        + " bytes hashed, " + pending.length + " pending");
            }
            this.words = words.clone();
            this.length = length;
            this.pending = pending.clone();
        }

        /** The state before any byte. */
        public static Midstate initial() {
            return new Midstate(INITIAL_STATE, 0, new byte[0]);
        }

        /** How many bytes the state was taken after. */
        public long length() {
            return length;
        }

        /** {@code <length>:<words in hex>:<pending bytes in hex>}. */
        public String encoded() {
            ByteBuffer bytes = ByteBuffer.allocate(4 * words.length);
            for (int word : words) {
                bytes.putInt(word);
            }
            HexFormat hex = HexFormat.of();
            return length + ":" + hex.formatHex(bytes.array()) + ":" + hex.formatHex(pending);
        }

        /** Reads {@link #encoded} text; anything else is an {@link IllegalArgumentException}. */
        public static Midstate parse(String encoded) {
            String[] parts = requireNonNull(encoded, "encoded is null").split(":", -1);
            if (parts.length != 3 || parts[1].length() != 64) {
                throw new IllegalArgumentException("not a SHA-256 state: '" + encoded + "'");
            }
            ByteBuffer bytes = ByteBuffer.wrap(HexFormat.of().parseHex(parts[1]));
            int[] words = new int[INITIAL_STATE.length];
            for (int i = 0; i < words.length; i++) {
                words[i] = bytes.getInt();
            }
            return new Midstate(words, Long.parseLong(parts[0]), HexFormat.of().parseHex(parts[2]));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Midstate that && length == that.length
                    && Arrays.equals(words, that.words) && Arrays.equals(pending, that.pending);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(words) * 31 + Long.hashCode(length);
        }

        @Override
        public String toString() {
            return "Sha256.Midstate[" + encoded() + "]";
        }
    }

    private void compress(byte[] bytes, int offset) {
        int[] w = schedule;
        for (int i = 0; i < 16; i++, offset += 4) {
            w[i] = bytes[offset] << 24 | (bytes[offset + 1] & 0xff) << 16 | (bytes[offset + 2] & 0xff) << 8
                    | bytes[offset + 3] & 0xff;
        }
        for (int i = 16; i < 64; i++) {
            int early = w[i - 15];
            int late = w[i - 2];
            int sigma0 = Integer.rotateRight(early, 7) ^ Integer.rotateRight(early, 18) ^ early >>> 3;
            int sigma1 = Integer.rotateRight(late, 17) ^ Integer.rotateRight(late, 19) ^ late >>> 10;
            w[i] = w[i - 16] + sigma0 + w[i - 7] + sigma1;
        }
        int a = state[0];
        int b = state[1];
        int c = state[2];
        int d = state[3];
        int e = state[4];
        int f = state[5];
        int g = state[6];
        int h = state[7];
        for (int i = 0; i < 64; i++) {
            int t1 = h + (Integer.rotateRight(e, 6) ^ Integer.rotateRight(e, 11) ^ Integer.rotateRight(e, 25))
                    + (e & f ^ ~e & g) + ROUND_CONSTANTS[i] + w[i];
            int t2 = (Integer.rotateRight(a, 2) ^ Integer.rotateRight(a, 13) ^ Integer.rotateRight(a, 22))
                    + (a & b ^ a & c ^ b & c);
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        state[5] += f;
        state[6] += g;
        state[7] += h;
    }
}
