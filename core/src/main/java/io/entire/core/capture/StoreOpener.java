package io.entire.core.capture;

import io.entire.core.store.StoreSet;

/** Opens the configured checkpoint stores when a capture step turns out to need them; the caller closes them. */
@FunctionalInterface
public interface StoreOpener {
    StoreSet open();
}
