package io.entire.cli;

import static java.util.Objects.requireNonNull;

import io.entire.core.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneRules;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Times as the user reads them: in their time zone ({@code TZ}, else the system's), to the minute, and ages that read
 * as words ("3 minutes ago", "yesterday"). JSON keeps UTC; only text output goes through here.
 */
record Times(ZoneId zone, Instant now) {
    private static final DateTimeFormatter ZONE_NAME = DateTimeFormatter.ofPattern("zzz", Locale.ROOT);
    private static final Path LOCALTIME = Path.of("/etc/localtime");
    private static final String ZONEINFO = "zoneinfo/";
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Set<String> UTC_NAMES = Set.of("UTC", "Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu", "UCT",
            "Universal", "Zulu");

    Times {
        requireNonNull(zone, "zone is null");
        requireNonNull(now, "now is null");
    }

    /** The zone {@code TZ} names (a leading ':' as the C library allows), the system's when it names none it knows. */
    static Times of(Environment environment) {
        ZoneId zone = environment.variable("TZ").map(tz -> tz.startsWith(":") ? tz.substring(1) : tz)
                .filter(tz -> !tz.isBlank()).flatMap(Times::zone).orElseGet(Times::systemZone);
        return new Times(zone, environment.clock().instant());
    }

    /**
     * The zone {@code /etc/localtime} links to, as the C library reads it, else the JDK's choice. The JDK finds the
     * same name but loads the time zone database twice to make a {@link ZoneId} of it, once for its older API.
     */
    private static ZoneId systemZone() {
        try {
            String target = Files.readSymbolicLink(LOCALTIME).toString();
            int folder = target.lastIndexOf(ZONEINFO);
            if (folder >= 0) {
                Optional<ZoneId> linked = zone(target.substring(folder + ZONEINFO.length()));
                if (linked.isPresent()) {
                    return linked.get();
                }
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // Not a link (a copied zone file, another system): the JDK's own search.
        }
        return ZoneId.systemDefault();
    }

    /**
     * The zone a name means. The time zone database's names for UTC are UTC itself, which java.time knows without
     * loading that database (the region ids of every zone, read at first use of any other name).
     */
    private static Optional<ZoneId> zone(String name) {
        if (UTC_NAMES.contains(name)) {
            return Optional.of(UTC);
        }
        try {
            return Optional.of(ZoneId.of(name));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** {@code 2026-01-09 10:44} in the user's zone, or {@code -}; for columns, where the zone goes without saying. */
    String minute(Optional<Instant> time) {
        return minuteColumn().text(time);
    }

    /** {@link #minute} for the rows of a long listing. */
    MinuteColumn minuteColumn() {
        return new MinuteColumn(zone.getRules());
    }

    /**
     * Formats times as {@link #minute} does, remembering the last minute it formatted: rows listed newest first share
     * their minute with their neighbours. One thread only.
     */
    static final class MinuteColumn {
        private final ZoneRules rules;
        private long minute = Long.MIN_VALUE;
        private String text = "";

        private MinuteColumn(ZoneRules rules) {
            this.rules = rules;
        }

        String text(Optional<Instant> time) {
            if (time.isEmpty()) {
                return "-";
            }
            long local = Math.floorDiv(time.get().getEpochSecond() + rules.getOffset(time.get()).getTotalSeconds(),
                    60);
            if (local != minute) {
                LocalDateTime at = LocalDateTime.ofEpochSecond(local * 60, 0, ZoneOffset.UTC);
                text = at.toLocalDate() + " " + twoDigits(at.getHour()) + ":" + twoDigits(at.getMinute());
                minute = local;
            }
            return text;
        }
    }

    /** {@code 2026-01-09 10:44 EST (3 hours ago)}, or {@code -}. */
    String full(Optional<Instant> time) {
        if (time.isEmpty()) {
            return "-";
        }
        return minute(time) + " " + zoneName(time.get()) + " (" + ago(time.get()) + ")";
    }

    /** The zone's short name; UTC's without the locale data that names other zones, which is slow to load. */
    private String zoneName(Instant time) {
        ZoneRules rules = zone.getRules();
        if (rules.isFixedOffset() && rules.getOffset(time).getTotalSeconds() == 0) {
            return "UTC";
        }
        return ZONE_NAME.format(time.atZone(zone));
    }

    /** How long ago {@code then} was, in words: "just now", "5 minutes ago", "yesterday", "3 weeks ago". */
    String ago(Instant then) {
        Duration age = Duration.between(then, now);
        if (age.isNegative() || age.toSeconds() < 60) {
            return "just now";
        }
        long minutes = age.toMinutes();
        if (minutes < 60) {
            return count(minutes, "minute") + " ago";
        }
        long hours = age.toHours();
        if (hours < 24) {
            return count(hours, "hour") + " ago";
        }
        // Past a day, ages count calendar days in the user's zone: at 9:00, 3:00 the day before is "yesterday".
        long days = ChronoUnit.DAYS.between(then.atZone(zone).toLocalDate(), now.atZone(zone).toLocalDate());
        if (days <= 1) {
            return "yesterday";
        }
        if (days < 14) {
            return days + " days ago";
        }
        if (days < 60) {
            return days / 7 + " weeks ago";
        }
        if (days < 730) {
            return days / 30 + " months ago";
        }
        return days / 365 + " years ago";
    }

    private static String count(long value, String unit) {
        return value == 1 ? (unit.equals("hour") ? "an hour" : "a " + unit) : value + " " + unit + "s";
    }

    private static String twoDigits(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }
}
