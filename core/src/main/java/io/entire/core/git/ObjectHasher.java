package io.entire.core.git;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/**
 * Computes the id git would give a blob or tree, without writing it: lets bulk work decide what is already stored
 * (a no-op migration rerun) at the cost of hashing instead of a round trip per object.
 */
public final class ObjectHasher {
    private final String algorithm;

    public ObjectHasher(int hashHexLength) {
        this.algorithm = switch (hashHexLength) {
            case 40 -> "SHA-1";
            case 64 -> "SHA-256";
            default -> throw new IllegalArgumentException("unknown object id length " + hashHexLength);
        };
    }

    public ObjectId blob(byte[] content) {
        return hash("blob", content);
    }

    /** The id of a tree with these entries, in git's order whatever order they come in. */
    public ObjectId tree(Collection<TreeEntry> entries) {
        List<TreeEntry> sorted = new ArrayList<>(entries);
        sorted.sort(null);
        ByteArrayOutputStream content = new ByteArrayOutputStream(sorted.size() * 48);
        HexFormat hex = HexFormat.of();
        for (TreeEntry entry : sorted) {
            String mode = entry.mode() == TreeEntry.Mode.TREE ? "40000" : entry.mode().octal();
            content.writeBytes((mode + " " + entry.name()).getBytes(StandardCharsets.UTF_8));
            content.write(0);
            content.writeBytes(hex.parseHex(entry.id().hex()));
        }
        return hash("tree", content.toByteArray());
    }

    private ObjectId hash(String type, byte[] content) {
        try {
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            digest.update((type + " " + content.length).getBytes(StandardCharsets.US_ASCII));
            digest.update((byte) 0);
            digest.update(content);
            return ObjectId.of(HexFormat.of().formatHex(digest.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no " + algorithm, e);
        }
    }
}
