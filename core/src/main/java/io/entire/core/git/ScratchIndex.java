package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An index file of Entire's own, never the user's: the work tree is staged into it to be written as a tree, and
 * compared with an earlier one. Kept between uses, its stat cache spares git re-reading unchanged files. Every call
 * is one git process with {@code GIT_INDEX_FILE} pointing at its file; the blobs it stages are written to the
 * object database at once, the tree by {@link #writeTree()}.
 */
public final class ScratchIndex {
    private final Git git;

    ScratchIndex(Git git, Path file) {
        requireNonNull(file, "file is null");
        this.git = requireNonNull(git, "git is null").withVariables(Map.of("GIT_INDEX_FILE", file.toString()));
    }

    /** Stages every file of the work tree, tracked or untracked, that git does not ignore; removes vanished ones. */
    public void stageWorkTree() {
        git.run(List.of("add", "--all"), null);
    }

    /** Writes the staged state as a tree (its subtrees too) and returns its id. */
    public ObjectId writeTree() {
        return ObjectId.of(git.run(List.of("write-tree"), null).text().strip());
    }

    /** What differs between {@code tree} and the staged state, with the blobs on both sides. */
    public List<PathChange> changesSince(ObjectId tree) {
        return Changes.parseRaw(git.run(List.of("diff-index", "--cached", "--raw", "-z", "--no-renames",
                "--no-abbrev", "--ignore-submodules=all", tree.hex()), null).stdoutInPlace());
    }
}
