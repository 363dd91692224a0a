package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import java.time.InstantSource;

/** What every capture operation needs besides the repository: the clock and the program version. */
public record CaptureSettings(InstantSource clock, String cliVersion) {
    public CaptureSettings {
        requireNonNull(clock, "clock is null");
        requireNonNull(cliVersion, "cliVersion is null");
    }
}
