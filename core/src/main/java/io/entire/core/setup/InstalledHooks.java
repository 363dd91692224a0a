package io.entire.core.setup;

import java.util.List;

/**
 * Whether Entire's hooks are in place: every git hook, and every hook entry of at least one agent.
 *
 * @param unreadable what is wrong with each agent settings file that cannot be read (such an agent counts as
 *     without hooks)
 */
public record InstalledHooks(boolean all, List<String> unreadable) {
    public InstalledHooks {
        unreadable = List.copyOf(unreadable);
    }
}
