package io.entire.core.store;

import static java.util.Objects.requireNonNull;

import io.entire.core.Warning;
import java.util.List;

/** A write through a {@link StoreSet}: what the primary wrote, and a warning per mirror that was not written. */
public record StoreSetWrite(WrittenCheckpoint primary, List<Warning> mirrorWarnings) {
    public StoreSetWrite {
        requireNonNull(primary, "primary is null");
        mirrorWarnings = List.copyOf(mirrorWarnings);
    }
}
