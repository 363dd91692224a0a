package io.entire.core.model;

import java.time.Instant;
import java.util.Optional;

/**
 * RFC 3339 timestamps as Go's {@code time.RFC3339Nano} writes them: UTC, fraction without trailing zeros. Written and
 * read by hand, with civil-calendar arithmetic: every hook reads and writes a few, and the first use of
 * {@code java.time.format} costs a light hook 5 ms, of {@code LocalDateTime} 2 ms more.
 */
public final class Timestamps {
    private Timestamps() {
    }

    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        long days = Math.floorDiv(seconds, 86_400);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        long[] date = civilFromDays(days);
        StringBuilder text = new StringBuilder(30);
        long year = date[0];
        if (year < 0 || year > 9999) {
            text.append(year < 0 ? '-' : '+');   // as ISO-8601 spells years beyond four digits
        }
        pad(text, Math.abs(year), 4).append('-');
        pad(text, date[1], 2).append('-');
        pad(text, date[2], 2).append('T');
        pad(text, secondOfDay / 3600, 2).append(':');
        pad(text, secondOfDay / 60 % 60, 2).append(':');
        pad(text, secondOfDay % 60, 2);
        int nanos = instant.getNano();
        if (nanos != 0) {
            int digits = 9;
            while (nanos % 10 == 0) {
                nanos /= 10;
                digits--;
            }
            pad(text.append('.'), nanos, digits);
        }
        return text.append('Z').toString();
    }

    /**
     * Parses an RFC 3339 timestamp ({@code 2026-02-06T05:12:45.809Z}, any offset, {@code t}/{@code z} in either case,
     * seconds optional as ISO-8601 allows); empty when the text is not one.
     */
    public static Optional<Instant> parse(String text) {
        Cursor cursor = new Cursor(text);
        try {
            int year = cursor.digits(4);
            cursor.expect('-');
            int month = cursor.digits(2);
            cursor.expect('-');
            int day = cursor.digits(2);
            cursor.expectEither('T', 't');
            int hour = cursor.digits(2);
            cursor.expect(':');
            int minute = cursor.digits(2);
            int second = 0;
            int nanos = 0;
            if (cursor.accept(':')) {
                second = cursor.digits(2);
                if (cursor.accept('.')) {
                    nanos = cursor.fraction();
                }
            }
            int offsetSeconds = cursor.offsetSeconds();
            if (!cursor.atEnd() || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23
                    || minute > 59 || second > 59) {
                return Optional.empty();
            }
            long epochSecond = daysFromCivil(year, month, day) * 86_400 + hour * 3600L + minute * 60L + second
                    - offsetSeconds;
            return Optional.of(Instant.ofEpochSecond(epochSecond, nanos));
        } catch (IllegalArgumentException notATimestamp) {
            return Optional.empty();
        }
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    private static long daysFromCivil(long year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    /** Year, month and day of a count of days since 1970-01-01 (H. Hinnant's civil_from_days). */
    private static long[] civilFromDays(long days) {
        long shifted = days + 719_468;
        long era = Math.floorDiv(shifted, 146_097);
        long dayOfEra = shifted - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthIndex = (5 * dayOfYear + 2) / 153;
        long day = dayOfYear - (153 * monthIndex + 2) / 5 + 1;
        long month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
        return new long[] {yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day};
    }

    private static StringBuilder pad(StringBuilder text, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(digits);
    }

    /** Reads a timestamp left to right; a mismatch is an {@link IllegalArgumentException}. */
    private static final class Cursor {
        private final String text;
        private int position;

        Cursor(String text) {
            this.text = text;
        }

        int digits(int count) {
            int value = 0;
            for (int i = 0; i < count; i++) {
                value = value * 10 + digit();
            }
            return value;
        }

        /**
         * Up to nine digits of a fraction of a second, as nanoseconds (none after the point is zero, as java.time
         * reads it).
         */
        int fraction() {
            int nanos = 0;
            int count = 0;
            while (position < text.length() && text.charAt(position) >= '0' && text.charAt(position) <= '9') {
                if (++count > 9) {
                    throw new IllegalArgumentException("more than nine fraction digits");
                }
                nanos = nanos * 10 + digit();
            }
            for (int i = count; i < 9; i++) {
                nanos *= 10;
            }
            return nanos;
        }

        /**
         * {@code Z}, {@code z}, or {@code +HH:MM} / {@code -HH:MM} (seconds allowed, as java.time does), in seconds.
         */
        int offsetSeconds() {
            if (accept('Z') || accept('z')) {
                return 0;
            }
            int sign = accept('+') ? 1 : accept('-') ? -1 : 0;
            if (sign == 0) {
                throw new IllegalArgumentException("no offset");
            }
            int hours = digits(2);
            expect(':');
            int minutes = digits(2);
            int seconds = accept(':') ? digits(2) : 0;
            int total = hours * 3600 + minutes * 60 + seconds;
            if (minutes > 59 || seconds > 59 || total > 18 * 3600) {
                throw new IllegalArgumentException("offset out of range");
            }
            return sign * total;
        }

        void expect(char expected) {
            if (!accept(expected)) {
                throw new IllegalArgumentException("expected " + expected);
            }
        }

        void expectEither(char first, char second) {
            if (!accept(first) && !accept(second)) {
                throw new IllegalArgumentException("expected " + first);
            }
        }

        boolean accept(char expected) {
            if (position < text.length() && text.charAt(position) == expected) {
                position++;
                return true;
            }
            return false;
        }

        boolean atEnd() {
            return position == text.length();
        }

        private int digit() {
            char c = position < text.length() ? text.charAt(position) : ' ';
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("expected a digit");
            }
            position++;
            return c - '0';
        }
    }
}
