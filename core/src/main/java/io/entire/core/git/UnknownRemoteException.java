package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;

/** A command named a remote that is neither configured nor a URL or path git could reach: names it. */
public final class UnknownRemoteException extends EntireException {
    private final String remote;

    /** @param anyConfigured whether the repository has remotes at all, which says where to look instead */
    public UnknownRemoteException(String remote, boolean anyConfigured) {
        super(Category.USAGE, "no remote named '" + remote + "' and no repository at that path; "
                + (anyConfigured ? "'git remote -v' lists this repository's remotes"
                        : "this repository has no remotes ('git remote add <name> <url>' adds one)"));
        this.remote = requireNonNull(remote, "remote is null");
    }

    public String remote() {
        return remote;
    }
}
