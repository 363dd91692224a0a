package io.entire.core.store;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** What a write stamps into root metadata: the program version and the storage format ({@code branch-1}, ...). */
public record FolderVersion(String cliVersion, Optional<String> checkpointsVersion) {
    public FolderVersion {
        requireNonNull(cliVersion, "cliVersion is null");
        requireNonNull(checkpointsVersion, "checkpointsVersion is null");
    }
}
