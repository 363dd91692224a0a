package io.entire.core.git;

/** What one compare-and-swap ref update did. Faults (git died, disk full) are exceptions. */
public enum RefUpdateResult {
    /** Expected "must not exist", and the ref now exists. */
    CREATED,
    /** Held the expected old value, and now holds the new one. */
    UPDATED,
    /** Already held the new value, so nothing was written. */
    UNCHANGED,
    /** Deleted, having held the expected value. */
    DELETED,
    /** Held some other value: re-read the tip, re-apply, retry. */
    REJECTED_STALE,
    /** Another process holds the ref's lock right now: retry shortly. */
    LOCKED
}
