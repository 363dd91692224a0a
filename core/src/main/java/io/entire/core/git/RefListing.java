package io.entire.core.git;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The refs under one prefix as one {@code for-each-ref} printed them, sorted by name, parsed only when visited; its
 * fingerprint tells whether a later listing is the same, without parsing either.
 */
public final class RefListing {
    private final byte[] output;

    /** Takes ownership of {@code output}: lines of {@code <object id> <ref name>}. */
    RefListing(byte[] output) {
        this.output = output;
    }

    /**
     * The same for the same refs at the same objects, and different, but for a 2^-64 chance, when any ref was added,
     * removed or moved: a length and two CRCs of git's listing (both computed in hardware; a cryptographic hash of
     * megabytes costs more than the listing it would spare). Not a defence against whoever can write the refs.
     */
    public String fingerprint() {
        CRC32C castagnoli = new CRC32C();
        castagnoli.update(output);
        CRC32 ieee = new CRC32();
        ieee.update(output);
        return output.length + "-" + Long.toHexString(castagnoli.getValue()) + "-" + Long.toHexString(ieee.getValue());
    }

    /** Visits every ref with the object it points to, in name order. */
    public void forEach(BiConsumer<RefName, ObjectId> visitor) {
        int start = 0;
        while (start < output.length) {
            int end = start;
            while (end < output.length && output[end] != '\n') {
                end++;
            }
            int space = start;
            while (space < end && output[space] != ' ') {
                space++;
            }
            if (space < end) {
                visitor.accept(RefName.of(new String(output, space + 1, end - space - 1, StandardCharsets.UTF_8)),
                        ObjectId.of(new String(output, start, space - start, StandardCharsets.ISO_8859_1)));
            }
            start = end + 1;
        }
    }

    /** Every ref with the object it points to, sorted by name. */
    public Map<RefName, ObjectId> toMap() {
        Map<RefName, ObjectId> refs = new LinkedHashMap<>();
        forEach(refs::put);
        return refs;
    }
}
