package io.entire.core.store.shadow;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;
import io.entire.core.git.RefName;

/** A shadow branch could not be written: it is damaged, or other sessions kept moving it. Names the branch. */
public final class ShadowBranchException extends EntireException {
    private final RefName branch;

    public ShadowBranchException(RefName branch, String message) {
        super(Category.STATE, message);
        this.branch = requireNonNull(branch, "branch is null");
    }

    public RefName branch() {
        return branch;
    }
}
