package io.entire.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests, and the {@code sha256:<hex>} form the stores write as a transcript's content hash. */
public final class Sha256 {
    private Sha256() {
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** {@code sha256:} and the lowercase hex of what the digest has seen; the digest is reset. */
    public static String contentHash(MessageDigest digest) {
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    /** {@code sha256:} and the lowercase hex of the digest of {@code bytes}. */
    public static String contentHash(byte[] bytes) {
        MessageDigest digest = newDigest();
        digest.update(bytes);
        return contentHash(digest);
    }
}
