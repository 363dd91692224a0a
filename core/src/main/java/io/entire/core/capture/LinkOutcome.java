package io.entire.core.capture;

/** What prepare-commit-msg did with a commit message. */
public enum LinkOutcome {
    /** Added the trailer. */
    LINKED,
    /** The person answered no. */
    DECLINED,
    /** The message already carries a checkpoint trailer (an amend, a reused message). */
    ALREADY_LINKED,
    /** A merge, squash or reused message: not the agent's work. */
    SKIPPED_SOURCE,
    /** A rebase, cherry-pick, revert or merge is replaying commits. */
    SKIPPED_OPERATION,
    /** No session in this work tree has work to link. */
    NO_SESSION,
    /** Sessions have work, but the staged changes take none of it. */
    NO_OVERLAP
}
