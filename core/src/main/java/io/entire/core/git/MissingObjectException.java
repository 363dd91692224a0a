package io.entire.core.git;

import io.entire.core.EntireException;

/** An object that should be in the repository is not (a partial clone, a pruned or corrupt repository). */
public final class MissingObjectException extends EntireException {
    private final String object;

    public MissingObjectException(String object) {
        super(Category.STORAGE, "git object " + object + " is missing from the repository");
        this.object = object;
    }

    public String object() {
        return object;
    }
}
