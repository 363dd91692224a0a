package io.entire.core.recover;

import static java.util.Objects.requireNonNull;

import io.entire.core.id.SessionId;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One session's transcript after a rewind or resume: where it is, what happened, and how to continue it (for an agent
 * that does not read the file itself, the command that brings it in first).
 */
public record TranscriptRestore(SessionId session, Path file, TranscriptOutcome outcome, Optional<Path> backup,
        Optional<String> beforeResuming, String resumeCommand) {
    public TranscriptRestore {
        requireNonNull(session, "session is null");
        requireNonNull(file, "file is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(backup, "backup is null");
        requireNonNull(beforeResuming, "beforeResuming is null");
        requireNonNull(resumeCommand, "resumeCommand is null");
    }
}
