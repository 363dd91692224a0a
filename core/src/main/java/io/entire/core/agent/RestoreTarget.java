package io.entire.core.agent;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a transcript stored in a checkpoint goes back so that the agent's resume command finds its session, and, for
 * an agent that reads its sessions from somewhere else (OpenCode's database), the command that brings the written
 * file in before resuming.
 */
public record RestoreTarget(Path file, Optional<String> beforeResuming) {
    public RestoreTarget {
        requireNonNull(file, "file is null");
        requireNonNull(beforeResuming, "beforeResuming is null");
    }

    /** A file the agent reads itself. */
    public static RestoreTarget file(Path file) {
        return new RestoreTarget(file, Optional.empty());
    }
}
