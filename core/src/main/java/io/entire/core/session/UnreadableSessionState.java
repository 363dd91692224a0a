package io.entire.core.session;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/** A session state file hooks cannot read, so they skip its session: commits are not linked to its work. */
public record UnreadableSessionState(Path file, String problem) {
    public UnreadableSessionState {
        requireNonNull(file, "file is null");
        requireNonNull(problem, "problem is null");
    }
}
