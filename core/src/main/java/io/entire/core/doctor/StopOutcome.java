package io.entire.core.doctor;

/** What {@code entire session stop} did to one session. */
public enum StopOutcome {
    /** Marked ended with nothing owed: it links no commit any more. */
    STOPPED,
    /** It was already ended with nothing owed. */
    ALREADY_DONE,
    /** Its state file went meanwhile (another command forgot it). */
    GONE
}
