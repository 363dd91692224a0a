package io.entire.core.model;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Reads the value of {@code --since} (search, import): a date, a date and time, or an age such as {@code 7d}. */
public final class Since {
    private Since() {
    }

    /**
     * {@code 2026-02-06} (midnight UTC), {@code 2026-02-06T05:12:00Z} (any offset), or a number of hours, days or
     * weeks before {@code now} ({@code 12h}, {@code 7d}, {@code 2w}); anything else is an {@link InvalidDateException}.
     */
    public static Instant parse(String text, Instant now) {
        String value = text.strip();
        if (value.length() > 1 && value.chars().limit(value.length() - 1L).allMatch(Character::isDigit)) {
            Duration unit = switch (value.charAt(value.length() - 1)) {
                case 'h' -> Duration.ofHours(1);
                case 'd' -> Duration.ofDays(1);
                case 'w' -> Duration.ofDays(7);
                default -> null;
            };
            if (unit != null && value.length() < 8) {
                return now.minus(unit.multipliedBy(Long.parseLong(value.substring(0, value.length() - 1))));
            }
        }
        try {
            return value.contains("T") ? OffsetDateTime.parse(value).toInstant()
                    : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidDateException("--since '" + text + "' is not a date: give 2026-02-06, "
                    + "2026-02-06T05:12:00Z, or an age such as 12h, 7d or 2w");
        }
    }
}
