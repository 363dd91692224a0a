package io.entire.cli;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The client of a served hook left, or was given up on, before its streamed standard input ended. The hook is
 * abandoned and changes nothing more: for a prepare-commit-msg, git may already be reading the message file. Unchecked,
 * so that it passes through what reads that input (the launcher's staged listing) instead of being taken for a
 * listing that failed, which the hook would replace with a {@code git diff} of its own.
 */
final class ClientLeftException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    ClientLeftException(String message, IOException cause) {
        super(message, cause);
    }
}
