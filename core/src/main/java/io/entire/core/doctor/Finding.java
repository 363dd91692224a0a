package io.entire.core.doctor;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/** One line of {@code entire doctor}: which check, how bad, what it found, and what to do about it (may be empty). */
public record Finding(Check check, Severity severity, String message, String remedy) {
    public Finding {
        requireNonNull(check, "check is null");
        requireNonNull(severity, "severity is null");
        requireNonNull(message, "message is null");
        requireNonNull(remedy, "remedy is null");
    }

    /** What {@code entire doctor} looks at. */
    public enum Check {
        SESSIONS,
        HOOKS,
        SETTINGS,
        HOOK_SERVER,
        PUSH_QUEUE,
        OWED,
        LINKS;

        public String value() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** How bad: a problem makes the command exit 1, a warning does not. */
    public enum Severity {
        OK,
        WARNING,
        PROBLEM;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static Finding ok(Check check, String message) {
        return new Finding(check, Severity.OK, message, "");
    }

    static Finding warning(Check check, String message, String remedy) {
        return new Finding(check, Severity.WARNING, message, remedy);
    }

    static Finding problem(Check check, String message, String remedy) {
        return new Finding(check, Severity.PROBLEM, message, remedy);
    }
}
