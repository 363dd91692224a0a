package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.ObjectId;
import java.util.ArrayList;
import java.util.List;

/** One line of what git hands post-rewrite on stdin: a commit and the commit that replaced it. */
public record RewrittenCommit(ObjectId before, ObjectId after) {
    public RewrittenCommit {
        requireNonNull(before, "before is null");
        requireNonNull(after, "after is null");
    }

    /**
     * Parses post-rewrite's stdin: {@code <old> <new> [<extra>]} per line (git documents the extra field, unused
     * today). A line that is not of that form is an {@link IllegalArgumentException} naming it.
     */
    public static List<RewrittenCommit> parseAll(String text) {
        List<RewrittenCommit> rewritten = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.strip().split(" ");
            if (fields.length < 2) {
                throw new IllegalArgumentException("post-rewrite: not '<old> <new>': '" + line + "'");
            }
            rewritten.add(new RewrittenCommit(ObjectId.of(fields[0]), ObjectId.of(fields[1])));
        }
        return rewritten;
    }
}
