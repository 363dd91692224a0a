package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.AgentKind;
import java.time.InstantSource;

/** What every capture operation needs besides the repository: the clock, the program version and the agent. */
public record CaptureSettings(InstantSource clock, String cliVersion, AgentKind agent) {
    public CaptureSettings {
        requireNonNull(clock, "clock is null");
        requireNonNull(cliVersion, "cliVersion is null");
        requireNonNull(agent, "agent is null");
    }
}
