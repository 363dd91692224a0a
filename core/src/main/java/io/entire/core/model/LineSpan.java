package io.entire.core.model;

import java.util.OptionalInt;

/**
 * Lines {@code start} to {@code end} (from 1, both included) of a file as a commit left it, and the prompt that
 * produced them: an index into {@link InitialAttribution#prompts()}, absent when the transcript named none.
 */
public record LineSpan(int start, int end, OptionalInt prompt) {
    public LineSpan {
        if (start < 1 || end < start) {
            throw new IllegalArgumentException("line span " + start + "-" + end + " is not 1 <= start <= end");
        }
        if (prompt.isPresent() && prompt.getAsInt() < 0) {
            throw new IllegalArgumentException("negative prompt index " + prompt.getAsInt());
        }
    }

    public boolean contains(int line) {
        return line >= start && line <= end;
    }

    public int length() {
        return end - start + 1;
    }
}
