package io.entire.core.session;

/**
 * Whether a commit of this work tree may be under way while a hook looks at owed checkpoints: its checkpoint is
 * recorded as owed before git makes the commit, so a mark whose commit HEAD does not carry is only stale when no commit
 * can be under way.
 */
public enum CommitUnderWay {
    /** Agent hooks, commit-msg, pre-push: a commit may be waiting for its message; marks without a commit stay. */
    POSSIBLE,
    /** prepare-commit-msg and post-commit: any earlier commit was made or given up; marks HEAD lacks are stale. */
    NONE
}
