package io.entire.core.agent;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/** A rewrite a restore in another work tree makes in each line of a transcript: every match becomes the replacement. */
public record TranscriptRewrite(Pattern pattern, String replacement) {
    public TranscriptRewrite {
        requireNonNull(pattern, "pattern is null");
        requireNonNull(replacement, "replacement is null");
    }
}
