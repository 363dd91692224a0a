package io.entire.core.recover;

/** How far a rewind goes. */
public enum RewindMode {
    /** A step: its files and its transcript. A committed point: its session logs. */
    RESTORE,
    /** The session logs only; the work tree stays as it is. */
    LOGS_ONLY,
    /** A committed point: its session logs, and the branch moved to its commit. */
    RESET
}
