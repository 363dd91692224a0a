package io.entire.core.redact;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A line of stored text that redaction would change, and the kinds of secret on it; never the secret itself. */
public record SecretFinding(long line, List<SecretKind> kinds) {
    public SecretFinding {
        if (line < 1) {
            throw new IllegalArgumentException("line numbers start at 1: " + line);
        }
        kinds = List.copyOf(requireNonNull(kinds, "kinds is null"));
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("a finding names at least one kind of secret");
        }
    }
}
