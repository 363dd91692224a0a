package io.entire.core.recover;

/** What became of one session's transcript. */
public enum TranscriptOutcome {
    /** Written; what was there before is kept in a backup. */
    WRITTEN,
    /** Already as wanted. */
    UNCHANGED,
    /** A local transcript newer than the stored one was left as it is. */
    KEPT_NEWER,
    /** No copy with enough lines exists any more (the live file is shorter and no backup has them). */
    UNAVAILABLE
}
