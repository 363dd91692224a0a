package io.entire.core.agent;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether a transcript path a hook payload names may be read: the file to read (its real path), or why not.
 *
 * @param transcript the accepted transcript, symbolic links resolved; empty when refused
 * @param refusal why the path was refused, for the log; empty when accepted
 */
public record TranscriptAcceptance(Optional<Path> transcript, String refusal) {
    public TranscriptAcceptance {
        requireNonNull(transcript, "transcript is null");
        requireNonNull(refusal, "refusal is null");
        if (transcript.isPresent() == !refusal.isEmpty()) {
            throw new IllegalArgumentException("a transcript is either accepted or refused: " + transcript + ", '"
                    + refusal + "'");
        }
    }

    public static TranscriptAcceptance accepted(Path transcript) {
        return new TranscriptAcceptance(Optional.of(transcript), "");
    }

    public static TranscriptAcceptance refused(Path claimed, String reason) {
        return new TranscriptAcceptance(Optional.empty(), "transcript_path " + claimed + " ignored: " + reason);
    }
}
