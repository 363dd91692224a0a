package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One line of a file as {@code git blame} attributes it: the commit that last touched it (the zero id for a line not
 * committed yet), the line's number and path in that commit, that commit's author, time and subject, and the line's
 * text.
 */
public record BlamedLine(int number, ObjectId commit, int originalNumber, String originalPath, String author,
        Instant authorTime, String summary, String content) {
    public BlamedLine {
        if (number < 1 || originalNumber < 1) {
            throw new IllegalArgumentException("line number " + number + " (" + originalNumber + ") is below 1");
        }
        requireNonNull(originalPath, "originalPath is null");
        requireNonNull(commit, "commit is null");
        requireNonNull(author, "author is null");
        requireNonNull(authorTime, "authorTime is null");
        requireNonNull(summary, "summary is null");
        requireNonNull(content, "content is null");
    }
}
