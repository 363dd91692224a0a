package io.entire.core.git;

import java.nio.file.Path;
import java.util.Map;

/** A process that writes one ref into a repository's packed-refs: {@code PackedRefsWriter <common dir> <commit>}. */
final class PackedRefsWriter {
    private PackedRefsWriter() {
    }

    public static void main(String[] args) {
        new PackedRefs(Path.of(args[0]), args[1].length()).create(
                Map.of(RefName.of("refs/entire/test/written"), ObjectId.of(args[1])), PackedRefs.Durability.NO_FSYNC);
    }
}
