package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;

/**
 * A commit that had to be signed could not be: git's signing program refused (no such key, no agent, a passphrase
 * nobody can type). Every other commit signed the same way would fail too; names the key.
 */
public final class SigningException extends EntireException {
    private final String key;

    /** @param key the key asked for; empty for the one git config names */
    public SigningException(String key, String gitMessage) {
        super(Category.USAGE, "cannot sign commits with " + (key.isEmpty() ? "the configured signing key"
                : "key '" + key + "'") + ": " + gitMessage);
        this.key = requireNonNull(key, "key is null");
    }

    /** The key asked for; empty for the one git config names. */
    public String key() {
        return key;
    }
}
