package io.entire.core.store;

import io.entire.core.EntireException;
import io.entire.core.git.RefName;

/** A storage ref moved under an operation that cannot simply retry (a merge or reconcile); names the ref. */
public final class StorageConflictException extends EntireException {
    private final RefName ref;

    public StorageConflictException(RefName ref, String problem) {
        super(Category.STORAGE, ref.shortName() + ": " + problem);
        this.ref = ref;
    }

    public RefName ref() {
        return ref;
    }
}
