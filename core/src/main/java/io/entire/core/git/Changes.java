package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What differs where: the work tree's status, the staged changes, a commit's changes. One git process per call,
 * each with {@code -z} output so any path survives. Renames are reported as a delete and an add.
 */
public final class Changes {
    /**
     * The arguments of {@link #staged()}'s {@code git} process. bin/entire runs the same command for a
     * prepare-commit-msg in a JVM of its own, while that JVM starts (LauncherTest checks that the two agree).
     */
    public static final List<String> STAGED_ARGUMENTS = List.of("diff", "--cached", "--raw", "-z", "--no-renames",
            "--no-abbrev", "--no-ext-diff", "--ignore-submodules=all");

    private static final List<String> STATUS_ARGUMENTS = List.of("status", "--porcelain=v1", "-z",
            "--untracked-files=all", "--no-renames");
    private static final List<String> UNTRACKED_AT_HEAD_ARGUMENTS = List.of("status", "--porcelain=v2", "-z",
            "--branch", "--no-ahead-behind", "--untracked-files=all", "--no-renames");
    private static final String HEAD_RECORD = "# branch.oid ";
    /** Paths beyond this go as one whole status instead: a command line holds 256 kB at least (macOS). */
    private static final int MAX_PATHSPEC_CHARS = 64 * 1024;

    private final Git git;

    Changes(Git git) {
        this.git = requireNonNull(git, "git is null");
    }

    /** {@code git status}: tracked changes and each untracked file (not its directory); ignored files left out. */
    public List<StatusEntry> status() {
        return parseStatus(git.run(STATUS_ARGUMENTS, null).stdoutInPlace());
    }

    /**
     * As {@link #status()}, for those paths only (taken literally), which git then looks at alone rather than at the
     * whole work tree; the whole status, filtered, when they would not fit on a command line.
     */
    public List<StatusEntry> status(Collection<String> paths) {
        if (paths.isEmpty()) {
            return List.of();
        }
        if (paths.stream().mapToInt(String::length).sum() > MAX_PATHSPEC_CHARS) {
            Set<String> wanted = Set.copyOf(paths);
            return status().stream().filter(entry -> wanted.contains(entry.path())).toList();
        }
        List<String> args = new ArrayList<>(STATUS_ARGUMENTS.size() + paths.size() + 2);
        args.add("--literal-pathspecs");
        args.addAll(STATUS_ARGUMENTS);
        args.add("--");
        args.addAll(paths);
        return parseStatus(git.run(args, null).stdoutInPlace());
    }

    /**
     * HEAD's commit and each untracked file (not its directory) from one {@code git status}: a session's first prompt
     * needs both before it answers the agent, and a second process would cost it as much again.
     */
    public UntrackedAtHead untrackedAtHead() {
        List<String> records = split(git.run(UNTRACKED_AT_HEAD_ARGUMENTS, null).stdoutInPlace());
        Optional<ObjectId> head = Optional.empty();
        List<String> untracked = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            String record = records.get(i);
            if (record.startsWith(HEAD_RECORD)) {
                String commit = record.substring(HEAD_RECORD.length());
                head = commit.equals("(initial)") ? Optional.empty() : Optional.of(ObjectId.of(commit));
            } else if (record.startsWith("? ")) {
                untracked.add(record.substring(2));
            } else if (record.startsWith("2 ")) {
                i++;   // a rename's record, followed by the path it had
            }
        }
        return new UntrackedAtHead(head, untracked);
    }

    private static List<StatusEntry> parseStatus(byte[] out) {
        List<StatusEntry> entries = new ArrayList<>();
        for (String record : split(out)) {
            if (record.length() > 3) {
                entries.add(new StatusEntry(record.charAt(0), record.charAt(1), record.substring(3)));
            }
        }
        return entries;
    }

    /**
     * What the next commit would change, index against HEAD (against nothing before the first commit). Honours
     * {@code GIT_INDEX_FILE}, so inside a commit hook it sees the index git is committing.
     */
    public List<PathChange> staged() {
        return parseRaw(git.run(STAGED_ARGUMENTS, null).stdoutInPlace());
    }

    /** What a commit changed against its first parent (everything, for a root commit). */
    public List<PathChange> ofCommit(ObjectId commit) {
        return parseRaw(git.run(List.of("diff-tree", "-r", "-z", "--raw", "--no-renames", "--no-abbrev", "--root",
                "--no-commit-id", commit.hex()), null).stdoutInPlace());
    }

    /** What differs between two trees (or commits, as their trees). */
    public List<PathChange> between(ObjectId from, ObjectId to) {
        return parseRaw(git.run(List.of("diff-tree", "-r", "-z", "--raw", "--no-renames", "--no-abbrev",
                from.hex(), to.hex()), null).stdoutInPlace());
    }

    /**
     * Parses {@code --raw -z} records: {@code :<mode> <mode> <old> <new> <status>\0<path>\0}; a record of another
     * shape is a {@link GitException}.
     */
    public static List<PathChange> parseRaw(byte[] out) {
        List<String> fields = split(out);
        List<PathChange> changes = new ArrayList<>();
        for (int i = 0; i < fields.size(); i += 2) {
            String[] header = fields.get(i).split(" ");
            if (header.length < 5 || !header[0].startsWith(":") || i + 1 == fields.size()) {
                throw new GitException(List.of("diff", "--raw"), "unexpected record '" + fields.get(i) + "'", null);
            }
            if (header[1].equals("160000") || header[0].equals(":160000")) {
                continue;   // submodules are not files anyone edited here
            }
            changes.add(new PathChange(fields.get(i + 1), blob(header[2]), blob(header[3])));
        }
        return changes;
    }

    private static Optional<ObjectId> blob(String hex) {
        ObjectId id = ObjectId.of(hex);
        return id.isZero() ? Optional.empty() : Optional.of(id);
    }

    private static List<String> split(byte[] out) {
        List<String> records = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0) {
                records.add(new String(out, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return records;
    }
}
