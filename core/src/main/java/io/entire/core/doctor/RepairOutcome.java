package io.entire.core.doctor;

/** What {@code entire doctor --fix} did with one stuck session. */
public enum RepairOutcome {
    /** Its work went into a checkpoint no commit links, and it was marked ended. */
    CONDENSED,
    /** Its uncommitted steps and its shadow branch were dropped, and it was marked ended. */
    DISCARDED,
    /** Left as it is. */
    SKIPPED,
    /** A hook was heard from meanwhile, or it ended on its own: not stuck any more, left as it is. */
    NOT_STUCK
}
