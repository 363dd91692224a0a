package io.entire.core.git;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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

    /** Reads a zero-context patch: file headers, then hunks whose lines start with '+' or '-'. */
    static List<ChangedFile> parse(String patch) {
        List<ChangedFile> files = new ArrayList<>();
        String oldPath = null;
        String newPath = null;
        List<String> added = new ArrayList<>();
        int removed = 0;
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
            } else if (inHunk && line.startsWith("+")) {
                added.add(line.substring(1));
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

    /** {@code b/dir/file} as {@code dir/file}; {@code /dev/null} (the file is new, or gone) as null. */
    private static String path(String header, String prefix) {
        String unquoted = header.length() > 1 && header.startsWith("\"") && header.endsWith("\"")
                ? header.substring(1, header.length() - 1) : header;
        return unquoted.startsWith(prefix) ? unquoted.substring(prefix.length()) : null;
    }
}
