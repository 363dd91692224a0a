package io.entire.core.id;

import static java.util.Objects.requireNonNull;

import io.entire.core.Ascii;
import java.util.Optional;

/** An agent session id, validated so it can be used as a file name and in commit trailers. */
public record SessionId(String value) implements Comparable<SessionId> {
    private static final int MAX_LENGTH = 200;

    public SessionId {
        requireNonNull(value, "value is null");
        if (!isValid(value)) {
            throw new InvalidIdException("invalid session id '" + printable(value)
                    + "': use letters, digits, '.', '_' and '-' only (no '/' or '..')");
        }
    }

    // Written out: a record's generated equals and hashCode bind through invokedynamic on first use, which spins
    // method-handle classes outside the start-up cache in every post-commit.
    @Override
    public boolean equals(Object other) {
        return other instanceof SessionId id && value.equals(id.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    public static SessionId of(String value) {
        return new SessionId(value);
    }

    /** The id if the text is one, else empty; for names found on disk that may be something else. */
    public static Optional<SessionId> parse(String value) {
        return isValid(value) ? Optional.of(new SessionId(value)) : Optional.empty();
    }

    // Agents use UUIDs; older Entire writers prefix a date. No separators, no "..", no leading dot or dash.
    private static boolean isValid(String value) {
        if (value.isEmpty() || value.length() > MAX_LENGTH || value.contains("..")) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = Ascii.isLetterOrDigit(c) || c == '_' || i > 0 && (c == '.' || c == '-');
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    static String printable(String value) {
        String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        StringBuilder out = new StringBuilder(shown.length());
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return out.toString();
    }

    @Override
    public int compareTo(SessionId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }

}
