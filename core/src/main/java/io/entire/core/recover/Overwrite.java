package io.entire.core.recover;

/** Whether a transcript already where the agent looks may be replaced. */
public enum Overwrite {
    /** A local transcript with at least as many lines as the new one is newer, and stays. */
    KEEP_NEWER,
    /** Replace it; its content goes to a backup first. */
    REPLACE
}
