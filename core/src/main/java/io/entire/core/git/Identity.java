package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A git identity, {@code Name <email>}. */
public record Identity(String name, String email) {
    private static final Pattern FORMAT = Pattern.compile("\\s*([^<>]+?)\\s*<([^<>\\s]*)>\\s*");

    public Identity {
        requireNonNull(name, "name is null");
        requireNonNull(email, "email is null");
        if (name.isBlank() || name.contains("<") || name.contains(">") || name.contains("\n")
                || email.contains("<") || email.contains(">") || email.contains("\n")) {
            throw new IllegalArgumentException("invalid identity '" + name + " <" + email + ">'");
        }
    }

    /** Parses {@code Name <email>}; anything else is an {@link IllegalArgumentException}. */
    public static Identity parse(String text) {
        Matcher matcher = FORMAT.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("expected 'Name <email>', got '" + text + "'");
        }
        return new Identity(matcher.group(1), matcher.group(2));
    }

    @Override
    public String toString() {
        return name + " <" + email + ">";
    }
}
