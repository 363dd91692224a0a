package io.entire.core.agent;

/** What to do with Entire's hook entries that are in an agent's settings already but differ from the new ones. */
public enum ExistingHooks {
    /** Leave them: the events they cover count as installed. */
    KEEP,
    /** Remove them and install the new ones ({@code enable --force}). */
    REPLACE
}
