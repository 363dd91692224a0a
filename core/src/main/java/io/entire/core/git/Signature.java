package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** Who made a commit and when: an identity and a time, as git stores them in a commit header. */
public record Signature(Identity identity, Instant time) {
    public Signature {
        requireNonNull(identity, "identity is null");
        requireNonNull(time, "time is null");
    }

    /** The header value in git's raw form: {@code Name <email> <epoch seconds> +0000}. */
    String raw() {
        return identity + " " + time.getEpochSecond() + " +0000";
    }
}
