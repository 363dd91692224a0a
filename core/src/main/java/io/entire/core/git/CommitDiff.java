package io.entire.core.git;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The lines a commit added and removed, file by file, against its first parent, from one {@code git diff-tree}. */
public final class CommitDiff {
    private CommitDiff() {
    }

    /** Every text file the commit changed (all of them for a root commit); binary files are left out. */
    public static List<ChangedFile> of(GitRepository repository, ObjectId commit) {
        GitResult result = repository.git().run(List.of("diff-tree", "-p", "-U0", "--no-color", "--no-renames",
                "--no-ext-diff", "--no-textconv", "-r", "--root", "-m", "--first-parent", commit.hex()), null);
        return parse(new String(result.stdoutInPlace(), StandardCharsets.UTF_8));
    }

    /**
     * What a commit with at most one parent changed, from one {@code git diff-tree} instead of two: its paths as
     * {@link Changes#ofCommit} lists them and its files as {@link #of} reads them (a merge's two differ).
     */
    public static CommitChanges withPaths(GitRepository repository, ObjectId commit) {
        byte[] out = repository.git().run(List.of("diff-tree", "-r", "-z", "--raw", "-p", "-U0", "--no-color",
                "--no-renames", "--no-ext-diff", "--no-textconv", "--no-abbrev", "--root", "--no-commit-id",
                commit.hex()), null).stdoutInPlace();
        // The raw records (each path ends with a NUL, none is empty), then an empty one, then the patch.
        int rawEnd = 0;
        while (rawEnd + 1 < out.length && !(out[rawEnd] == 0 && out[rawEnd + 1] == 0)) {
            rawEnd++;
        }
        if (rawEnd + 1 >= out.length) {
            return new CommitChanges(Changes.parseRaw(out), List.of());
        }
        return new CommitChanges(Changes.parseRaw(Arrays.copyOf(out, rawEnd + 1)),
                parse(new String(out, rawEnd + 2, out.length - rawEnd - 2, StandardCharsets.UTF_8)));
    }

    /** Reads a zero-context patch: file headers, then hunks whose lines start with '+' or '-'. */
    static List<ChangedFile> parse(String patch) {
        List<ChangedFile> files = new ArrayList<>();
        String oldPath = null;
        String newPath = null;
        List<AddedLine> added = new ArrayList<>();
        int removed = 0;
        int next = 0;
        boolean inHunk = false;
        for (String line : patch.split("\n")) {
            if (line.startsWith("diff --git ")) {
                if (newPath != null || oldPath != null) {
                    files.add(new ChangedFile(newPath != null ? newPath : oldPath, added, removed));
                }
                oldPath = null;
                newPath = null;
                added = new ArrayList<>();
                removed = 0;
                inHunk = false;
            } else if (line.startsWith("@@")) {
                inHunk = true;
                next = newStart(line);
            } else if (inHunk && line.startsWith("+")) {
                added.add(new AddedLine(next++, line.substring(1)));
            } else if (inHunk && line.startsWith("-")) {
                removed++;
            } else if (!inHunk && line.startsWith("--- ")) {
                oldPath = path(line.substring(4), "a/");
            } else if (!inHunk && line.startsWith("+++ ")) {
                newPath = path(line.substring(4), "b/");
            }
        }
        if (newPath != null || oldPath != null) {
            files.add(new ChangedFile(newPath != null ? newPath : oldPath, added, removed));
        }
        return files;
    }

    /** The first new line of a hunk {@code @@ -a,b +c,d @@}: c, or 1 when the hunk adds to an empty file (c = 0). */
    private static int newStart(String header) {
        int start = header.indexOf(" +") + 2;
        int end = start;
        while (end < header.length() && Character.isDigit(header.charAt(end))) {
            end++;
        }
        return Math.max(1, Integer.parseInt(header.substring(start, end)));
    }

    /** {@code b/dir/file} as {@code dir/file}; {@code /dev/null} (the file is new, or gone) as null. */
    private static String path(String header, String prefix) {
        String unquoted = header.length() > 1 && header.startsWith("\"") && header.endsWith("\"")
                ? header.substring(1, header.length() - 1) : header;
        return unquoted.startsWith(prefix) ? unquoted.substring(prefix.length()) : null;
    }
}
