package io.entire.core.store;

import io.entire.core.id.CheckpointId;
import java.io.OutputStream;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Builds a compact transcript from a raw one, for stores that need one the writer did not provide. Stores know
 * layouts, not agents: the caller supplies this.
 */
public interface CompactTranscripts {
    /** Never builds: sessions without a compact transcript stay without one. */
    CompactTranscripts NONE = (id, raw) -> Optional.empty();

    /**
     * @param raw writes the raw transcript to the stream it is given
     * @return the compact transcript's bytes, or empty when none can be built
     */
    Optional<byte[]> build(CheckpointId id, Consumer<OutputStream> raw);
}
