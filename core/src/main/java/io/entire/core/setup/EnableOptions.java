package io.entire.core.setup;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.Agent;
import io.entire.core.agent.ExistingHooks;
import io.entire.core.settings.CheckpointRemoteSetting;
import java.util.Optional;

/**
 * How to enable Entire: for which agent, into which settings file, what to do with Entire hook entries already in the
 * agent's settings, whether pre-push sends checkpoints and to which checkpoint remote (the code remote when empty),
 * and the command the hooks run ({@code entire}).
 */
public record EnableOptions(Agent agent, SettingsTarget target, ExistingHooks existingHooks,
        boolean pushSessions, Optional<CheckpointRemoteSetting> checkpointRemote, String hookCommand) {
    public EnableOptions {
        requireNonNull(checkpointRemote, "checkpointRemote is null");
        requireNonNull(agent, "agent is null");
        requireNonNull(target, "target is null");
        requireNonNull(existingHooks, "existingHooks is null");
        requireNonNull(hookCommand, "hookCommand is null");
        if (hookCommand.isBlank() || hookCommand.contains("\n")) {
            throw new IllegalArgumentException("invalid hook command '" + hookCommand + "'");
        }
    }
}
