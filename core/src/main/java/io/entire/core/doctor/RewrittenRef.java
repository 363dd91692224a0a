package io.entire.core.doctor;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.ObjectId;
import io.entire.core.git.RefName;
import java.util.List;

/** One ref {@code redact --rewrite} moved: its tip before and after, and the files of the checkpoint it changed. */
public record RewrittenRef(RefName ref, ObjectId before, ObjectId after, List<String> files) {
    public RewrittenRef {
        requireNonNull(ref, "ref is null");
        requireNonNull(before, "before is null");
        requireNonNull(after, "after is null");
        files = List.copyOf(files);
        if (files.isEmpty()) {
            throw new IllegalArgumentException(ref + ": a rewrite changes at least one file");
        }
    }
}
