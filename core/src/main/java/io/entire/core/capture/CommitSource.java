package io.entire.core.capture;

/** Where a commit message comes from: the second argument git gives prepare-commit-msg. */
public enum CommitSource {
    /** No argument: the message will be written in the editor. */
    EDITOR,
    /** {@code -m} or {@code -F}. */
    MESSAGE,
    /** {@code -t} or {@code commit.template}; the editor follows. */
    TEMPLATE,
    /** A merge, or {@code .git/MERGE_MSG}. */
    MERGE,
    /** {@code .git/SQUASH_MSG}. */
    SQUASH,
    /** {@code -c} or {@code -C}: an existing commit's message. */
    COMMIT,
    /**
     * {@code --amend} without {@code -m}: HEAD's message, trailers included ({@code -C HEAD} looks the same to the
     * hook). {@code --amend -m} is {@link #MESSAGE}: only post-rewrite can tell that one was an amend.
     */
    AMEND;

    /** Whether the message is being written for this commit (the sources prepare-commit-msg may link). */
    public boolean isMessageBeingWritten() {
        return this == EDITOR || this == MESSAGE || this == TEMPLATE || this == AMEND;
    }

    /** The source and commit git named ({@code commit HEAD} for an amend); an unknown source is the editor flow. */
    public static CommitSource parse(String argument, String commit) {
        return switch (argument) {
            case "message" -> MESSAGE;
            case "template" -> TEMPLATE;
            case "merge" -> MERGE;
            case "squash" -> SQUASH;
            case "commit" -> commit.equals("HEAD") ? AMEND : COMMIT;
            default -> EDITOR;
        };
    }
}
