package io.entire.core.git;

import static java.util.Objects.requireNonNull;

/** A line a commit added to a file: its number in the file as the commit left it (from 1), and its text. */
public record AddedLine(int number, String text) {
    public AddedLine {
        if (number < 1) {
            throw new IllegalArgumentException("line number " + number + " is below 1");
        }
        requireNonNull(text, "text is null");
    }
}
