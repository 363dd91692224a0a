package io.entire.core.agent;

import java.nio.file.Path;
import java.util.List;

/**
 * Entire's hook entries in one work tree's settings of an agent ({@code .claude/settings.json}): each runs
 * {@code <command> hooks <agent slug> <verb>}. Installing merges them in and keeps everything else there; removing
 * takes out only Entire's, including those an older install (the Go tool's too) left.
 */
public interface AgentSettingsHooks {
    /** The settings file the hooks go into. */
    Path file();

    /** A {@link io.entire.core.LinkedPathException} when a file the hooks go into, or a folder above it, is a link. */
    void requireNoLink();

    /**
     * Reads and checks what {@link #install} would change, writing nothing, so that a file it could not edit stops
     * {@code enable} before anything is written: an {@link io.entire.core.EntireException} naming that file. Reading
     * the settings file is the check, unless the agent keeps its hooks' trust elsewhere too.
     */
    default void requireInstallable(String command, ExistingHooks existing) {
        anyInstalled();
    }

    /** Installs the hooks so that they run {@code command} ({@code entire}). */
    HookInstallation install(String command, ExistingHooks existing);

    /** Removes Entire's entries (and what they leave empty); returns how many it removed. */
    int uninstall();

    /** Whether every hook Entire needs is there. */
    boolean installed();

    /** Whether any of Entire's hooks is there: the agent is enabled in this work tree. */
    boolean anyInstalled();

    /**
     * One sentence per hook Entire needs that is missing or outdated here; empty when all are current. A settings
     * file that cannot be read is an {@link io.entire.core.EntireException} naming it.
     */
    List<String> problems();
}
