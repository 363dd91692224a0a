package io.entire.core.git;

/** What the remote did with one pushed ref, from {@code git push --porcelain}. */
public enum PushStatus {
    /** The remote now has the ref at the pushed value (new, fast-forward, or already up to date). */
    ACCEPTED,
    /** The remote holds commits we do not have (non-fast-forward, fetch first): reconcile and push again. */
    REJECTED_STALE,
    /** Refused for another reason (a hook, permissions, a protected ref). */
    REJECTED_OTHER
}
