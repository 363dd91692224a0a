package io.entire.core.attribution;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.ObjectId;
import java.util.List;

/** Who wrote the lines a linked commit added, file by file, judged against the checkpoint's recorded writes. */
public record CommitAttribution(ObjectId commit, List<FileLineCounts> files) {
    public CommitAttribution {
        requireNonNull(commit, "commit is null");
        files = List.copyOf(files);
    }
}
