package io.entire.core.git;

/** Lines {@code start} to {@code end} of a file, both included, counted from 1. */
public record LineRange(int start, int end) {
    public LineRange {
        if (start < 1 || end < start) {
            throw new IllegalArgumentException("bad line range " + start + "," + end
                    + ": give start,end with 1 <= start <= end");
        }
    }
}
