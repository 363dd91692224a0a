package io.entire.core.git;

import io.entire.core.EntireException;

/** A remote could not be reached or talked to (offline, wrong URL, no credentials): names the remote. */
public final class RemoteException extends EntireException {
    private final String remote;

    public RemoteException(String remote, String problem) {
        super(Category.GIT, "remote '" + remote + "': " + problem);
        this.remote = remote;
    }

    public String remote() {
        return remote;
    }
}
