package io.entire.core.redact;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Base64 in text: where a blob around a token starts and ends, and what it holds. Random secrets are base64 too, so
 * what a blob decodes to tells a secret from data: text is searched for secrets in turn, images and SSH public keys
 * are public, and other bytes are treated as a key.
 */
final class Base64Blobs {
    private static final int MAX_PADDING = 2;
    // Text that is not quite all printable still reads as text (an escape sequence for colors, a stray byte).
    private static final double MIN_PRINTABLE_FRACTION = 0.95;
    private static final int MAX_KEY_NAME = 64;

    private Base64Blobs() {
    }

    /** The first index of the base64 blob that holds the character at {@code index}. */
    static int start(String text, int index) {
        int start = index;
        while (start > 0 && isBase64Char(text.charAt(start - 1))) {
            start--;
        }
        return start;
    }

    /** The index after the base64 blob (padding included) that holds the character before {@code index}. */
    static int end(String text, int index) {
        int end = index;
        while (end < text.length() && isBase64Char(text.charAt(end))) {
            end++;
        }
        for (int padding = 0; padding < MAX_PADDING && end < text.length() && text.charAt(end) == '='; padding++) {
            end++;
        }
        return end;
    }

    /** The bytes of {@code text[start, end)} in standard or URL-safe base64, or empty when it is neither. */
    static Optional<byte[]> decode(String text, int start, int end) {
        boolean standard = false;
        boolean urlSafe = false;
        int unpadded = end;
        while (unpadded > start && text.charAt(unpadded - 1) == '=') {
            unpadded--;
        }
        for (int i = start; i < unpadded; i++) {
            char c = text.charAt(i);
            standard |= c == '+' || c == '/';
            urlSafe |= c == '-' || c == '_';
        }
        if (standard && urlSafe || (unpadded - start) % 4 == 1) {
            return Optional.empty();
        }
        Base64.Decoder decoder = urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder();
        try {
            return Optional.of(decoder.decode(text.substring(start, unpadded)));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    /** The bytes as text when they are UTF-8 and nearly all printable. */
    static Optional<String> text(byte[] bytes) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        String text;
        try {
            text = utf8.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notText) {
            return Optional.empty();
        }
        long printable = text.chars().filter(c -> c >= ' ' && c != 0x7f || c == '\n' || c == '\r' || c == '\t')
                .count();
        return printable >= MIN_PRINTABLE_FRACTION * text.length() ? Optional.of(text) : Optional.empty();
    }

    /** Whether the bytes are an image, a document or an SSH public key: data that is published, not a secret. */
    static boolean isPublicData(byte[] bytes) {
        return startsWith(bytes, 0x89, 'P', 'N', 'G') || startsWith(bytes, 0xff, 0xd8, 0xff)
                || startsWith(bytes, 'G', 'I', 'F', '8') || startsWith(bytes, 'R', 'I', 'F', 'F')
                || startsWith(bytes, '%', 'P', 'D', 'F') || startsWith(bytes, '<', 's', 'v', 'g')
                || isSshWireName(bytes);
    }

    /** An SSH public key blob starts with its type as a length-prefixed name ("ssh-ed25519", "ecdsa-sha2-..."). */
    private static boolean isSshWireName(byte[] bytes) {
        if (bytes.length < 8 || bytes[0] != 0 || bytes[1] != 0 || bytes[2] != 0 || bytes[3] <= 0
                || bytes[3] > MAX_KEY_NAME || bytes.length < 4 + bytes[3]) {
            return false;
        }
        for (int i = 4; i < 4 + bytes[3]; i++) {
            byte b = bytes[i];
            if (!(b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '-' || b == '@' || b == '.')) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBase64Char(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '/'
                || c == '-' || c == '_';
    }
}
