package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An index file of Entire's own, never the user's: the work tree is staged into it to be written as a tree, and
 * compared with it later. Kept between uses, its stat cache spares git re-reading unchanged files. Every call is one
 * git process with {@code GIT_INDEX_FILE} pointing at its file; the blobs it stages are written to the object
 * database at once, the tree by {@link #writeTree()}.
 */
public final class ScratchIndex {
    private static final String GITLINK = "160000";

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

    /**
     * The paths, in git's order, where the work tree differs from what is staged: files changed, deleted or of
     * another type, and files not staged that git does not ignore. Submodules and nested repositories are left out.
     * One git status against this index, which looks at the work tree once and leaves the file as it is.
     */
    public List<String> workTreeChanges() {
        byte[] out = git.run(List.of("--no-optional-locks", "status", "--porcelain=v2", "-z", "--untracked-files=all",
                "--no-renames", "--ignore-submodules=all"), null).stdoutInPlace();
        List<String> paths = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0) {
                workTreeChange(new String(out, start, i - start, StandardCharsets.UTF_8)).ifPresent(paths::add);
                start = i + 1;
            }
        }
        paths.sort(ScratchIndex::gitOrder);
        return paths;
    }

    /** Git's order of paths: their bytes, unsigned. */
    private static int gitOrder(String one, String other) {
        return Arrays.compareUnsigned(one.getBytes(StandardCharsets.UTF_8), other.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The path of one {@code --porcelain=v2} record if the work tree differs there: {@code ? <path>} (untracked; a
     * nested repository ends in a slash), {@code 1 <XY> <sub> <mH> <mI> <mW> <hH> <hI> <path>} (changed, Y not a
     * dot), {@code u <XY> <sub> <m1> <m2> <m3> <mW> <h1> <h2> <h3> <path>} (unmerged).
     */
    private static Optional<String> workTreeChange(String record) {
        if (record.startsWith("? ")) {
            String path = record.substring(2);
            return path.endsWith("/") ? Optional.empty() : Optional.of(path);
        }
        if (record.startsWith("1 ")) {
            String[] fields = record.split(" ", 9);
            if (fields.length == 9) {
                boolean changed = fields[1].charAt(1) != '.';
                boolean gitlink = fields[4].equals(GITLINK) || fields[5].equals(GITLINK);
                return changed && !gitlink ? Optional.of(fields[8]) : Optional.empty();
            }
        }
        if (record.startsWith("u ")) {
            String[] fields = record.split(" ", 11);
            if (fields.length == 11) {
                return fields[6].equals(GITLINK) ? Optional.empty() : Optional.of(fields[10]);
            }
        }
        throw new GitException(List.of("status", "--porcelain=v2"), "unexpected record '" + record + "'", null);
    }
}
