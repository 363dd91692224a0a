package io.entire.core.git;

import static java.util.Objects.requireNonNull;

/** A full ref name ({@code refs/...}), checked against git's ref-name rules before it reaches a command line. */
public record RefName(String name) implements Comparable<RefName> {
    public RefName {
        requireNonNull(name, "name is null");
        String problem = problem(name);
        if (problem != null) {
            throw new IllegalArgumentException("invalid ref name '" + name + "': " + problem);
        }
    }

    public static RefName of(String name) {
        return new RefName(name);
    }

    /** The same rules as {@code git check-ref-format}, restricted to full names under {@code refs/}. */
    private static String problem(String name) {
        if (!name.startsWith("refs/")) {
            return "must start with refs/";
        }
        if (name.endsWith("/") || name.endsWith(".") || name.endsWith(".lock")) {
            return "must not end with '/', '.' or '.lock'";
        }
        if (name.contains("..") || name.contains("//") || name.contains("@{") || name.contains("/.")) {
            return "must not contain '..', '//', '@{' or a component starting with '.'";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c == 0x7f || c == '~' || c == '^' || c == ':' || c == '?' || c == '*' || c == '['
                    || c == '\\') {
                return "contains a forbidden character";
            }
        }
        return null;
    }

    /** The part after {@code refs/heads/}, or the full name for other refs. */
    public String shortName() {
        return name.startsWith("refs/heads/") ? name.substring("refs/heads/".length()) : name;
    }

    @Override
    public int compareTo(RefName other) {
        return name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
