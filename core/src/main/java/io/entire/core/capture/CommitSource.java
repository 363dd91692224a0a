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
    /** {@code -c}, {@code -C} or {@code --amend}: an existing commit's message. */
    COMMIT;

    /** Whether the message is being written for this commit (the sources prepare-commit-msg may link). */
    public boolean isMessageBeingWritten() {
        return this == EDITOR || this == MESSAGE || this == TEMPLATE;
    }

    /** The source git named; anything unknown counts as the editor flow. */
    public static CommitSource parse(String argument) {
        return switch (argument) {
            case "message" -> MESSAGE;
            case "template" -> TEMPLATE;
            case "merge" -> MERGE;
            case "squash" -> SQUASH;
            case "commit" -> COMMIT;
            default -> EDITOR;
        };
    }
}
