package io.entire.core.store.refs;

import io.entire.core.git.RefName;

/** Where a store notes each checkpoint ref a write changed, so that the next push sends it. */
public interface RefsToPush {
    void add(RefName ref);
}
