package io.entire.core.git;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A commit's date as git records it: seconds since the epoch and the UTC offset of the zone it was made in. Read and
 * written in git's own raw form ({@code 1771171715 +0530}), so that keeping an author date needs no
 * {@code java.time.format}, whose first use costs a command milliseconds.
 */
public record GitDate(long epochSecond, int offsetMinutes) {
    private static final Pattern RAW = Pattern.compile("(-?\\d{1,18}) ([+-])(\\d\\d)(\\d\\d)");
    private static final int MAX_OFFSET_MINUTES = 99 * 60 + 59;   // what four digits hold; git itself allows as much

    public GitDate {
        if (Math.abs(offsetMinutes) > MAX_OFFSET_MINUTES) {
            throw new IllegalArgumentException("offset of " + offsetMinutes + " minutes");
        }
    }

    /** The instant in UTC, as a commit made now by a process without a zone would have it. */
    public static GitDate of(Instant instant) {
        return new GitDate(instant.getEpochSecond(), 0);
    }

    /** Parses git's raw form, {@code <seconds> <+|-hhmm>} ({@code %ad} with {@code --date=raw}). */
    public static GitDate parseRaw(String text) {
        Matcher matcher = RAW.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("expected a raw git date like '1771171715 +0530', got '" + text + "'");
        }
        int minutes = Integer.parseInt(matcher.group(3)) * 60 + Integer.parseInt(matcher.group(4));
        return new GitDate(Long.parseLong(matcher.group(1)), matcher.group(2).equals("-") ? -minutes : minutes);
    }

    /**
     * The value for {@code GIT_AUTHOR_DATE} or {@code GIT_COMMITTER_DATE}: the raw form behind an {@code @}, which
     * makes git read the number as seconds even when it looks like a calendar date.
     */
    public String environmentValue() {
        int minutes = Math.abs(offsetMinutes);
        String hhmm = Integer.toString(minutes / 60 * 100 + minutes % 60);
        return "@" + epochSecond + " " + (offsetMinutes < 0 ? "-" : "+") + "0000".substring(hhmm.length()) + hhmm;
    }
}
