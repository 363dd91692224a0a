package io.entire.core.capture;

import java.util.Optional;

/** The command that rewrote commits: the argument git gives post-rewrite. */
public enum RewriteKind {
    /** {@code git commit --amend}, also the amends a rebase makes for fixup and squash. */
    AMEND,
    /** {@code git rebase}, once it has finished. */
    REBASE;

    /** The kind git named; empty for one this version does not know. */
    public static Optional<RewriteKind> parse(String argument) {
        return switch (argument) {
            case "amend" -> Optional.of(AMEND);
            case "rebase" -> Optional.of(REBASE);
            default -> Optional.empty();
        };
    }
}
