package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Queries over HEAD's history that matching past agent sessions to commits needs. */
public final class CommitHistory {
    private final GitRepository repository;

    public CommitHistory(GitRepository repository) {
        this.repository = requireNonNull(repository, "repository is null");
    }

    /**
     * The commits reachable from HEAD written or committed at {@code since} or later, newest first, from one
     * {@code git log}; none on an unborn branch.
     */
    public List<HistoryCommit> since(Instant since) {
        if (repository.findCommit("HEAD").isEmpty()) {
            return List.of();
        }
        // --since filters on the committer date, which is never before the author date.
        String output = new String(repository.git().run(List.of("log", "--no-show-signature", "--encoding=UTF-8", "-z",
                "--since=" + since.getEpochSecond(), "--format=%H%n%at%n%ct%n%P%n%B", "HEAD", "--"), null)
                .stdoutInPlace(), StandardCharsets.UTF_8);
        List<HistoryCommit> commits = new ArrayList<>();
        for (String entry : output.split("\0")) {
            String[] fields = entry.split("\n", 5);
            if (fields.length == 5) {
                String message = fields[4];
                commits.add(new HistoryCommit(ObjectId.of(fields[0]), Instant.ofEpochSecond(Long.parseLong(fields[1])),
                        Instant.ofEpochSecond(Long.parseLong(fields[2])),
                        fields[3].isBlank() ? 0 : fields[3].strip().split(" ").length,
                        message.endsWith("\n") ? message.substring(0, message.length() - 1) : message));
            }
        }
        return commits;
    }

    /** The paths a commit changed against its only parent (or the empty tree for a root commit). */
    public List<String> changedPaths(ObjectId commit) {
        String output = new String(repository.git().run(List.of("diff-tree", "--no-commit-id", "--name-only", "-r",
                "-z", "--root", "--no-renames", commit.hex()), null).stdoutInPlace(), StandardCharsets.UTF_8);
        List<String> paths = new ArrayList<>();
        for (String path : output.split("\0")) {
            if (!path.isEmpty()) {
                paths.add(path);
            }
        }
        return paths;
    }

    /**
     * The commits of HEAD's history that no remote-tracking ref reaches (never pushed, as far as this clone knows),
     * parents before children, ending with HEAD when it is one of them.
     */
    public List<ObjectId> unpushed() {
        if (repository.findCommit("HEAD").isEmpty()) {
            return List.of();
        }
        List<ObjectId> commits = new ArrayList<>();
        for (String line : repository.git().run(List.of("rev-list", "--reverse", "--topo-order", "HEAD", "--not",
                "--remotes"), null).text().split("\n")) {
            if (!line.isBlank()) {
                commits.add(ObjectId.of(line.strip()));
            }
        }
        return commits;
    }
}
