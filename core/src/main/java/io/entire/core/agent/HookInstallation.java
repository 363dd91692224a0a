package io.entire.core.agent;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * What installing an agent's hooks did.
 *
 * @param settingsFile the agent's settings file that holds the hooks
 * @param added how many hook entries were added
 * @param notices what the user must know, one line each (a trust record written in the agent's home, a command to
 *     run): {@code enable} prints them
 */
public record HookInstallation(Path settingsFile, int added, List<String> notices) {
    public HookInstallation {
        requireNonNull(settingsFile, "settingsFile is null");
        if (added < 0) {
            throw new IllegalArgumentException("negative count of added hooks " + added);
        }
        notices = List.copyOf(notices);
    }
}
