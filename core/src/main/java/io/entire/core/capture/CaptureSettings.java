package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.redact.RedactionRules;
import java.time.InstantSource;

/**
 * What every capture operation needs besides the repository: the clock, the program version and the project's
 * redaction rules.
 */
public record CaptureSettings(InstantSource clock, String cliVersion, RedactionRules redaction) {
    public CaptureSettings {
        requireNonNull(clock, "clock is null");
        requireNonNull(cliVersion, "cliVersion is null");
        requireNonNull(redaction, "redaction is null");
    }
}
