package io.entire.core.capture;

/** What post-rewrite did about the checkpoint trailers of the rewritten commits. */
public enum RestoreOutcome {
    /** Every rewritten commit kept the trailers of the commits it replaced. */
    NOTHING_LOST,
    /** Trailers were put back: the commits that lost them were reworded and HEAD moved onto the result. */
    RESTORED,
    /** An amend made by a rebase under way: the rebase's own post-rewrite sees where the commit ends up. */
    SKIPPED_OPERATION,
    /** HEAD moved on (or never held the rewritten commits), so nothing was reworded; {@code entire link} can. */
    HEAD_MOVED
}
