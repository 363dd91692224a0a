package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import io.entire.core.Environment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * A handle on one git repository that hands out single-purpose workers ({@link BatchReader}, {@link ObjectWriter},
 * {@link Refs}) and answers history queries (log, rev-list, merge-base). Thread-safe; the workers are not.
 */
public final class GitRepository {
    /** For git log: with {@code log.showSignature} set, git prints signature checks on stdout, before the format. */
    private static final String NO_SIGNATURES = "--no-show-signature";
    /** For git log: it re-encodes messages and names into {@code i18n.logOutputEncoding}; we read UTF-8. */
    private static final String IN_UTF8 = "--encoding=UTF-8";

    private final Git git;
    private final Path workTree;
    private final Path gitDir;
    private final Path commonDir;
    private final int hashHexLength;
    private final Refs refs;

    private GitRepository(Git git, Path workTree, Path gitDir, Path commonDir, int hashHexLength) {
        this.git = git;
        this.workTree = workTree;
        this.gitDir = gitDir;
        this.commonDir = commonDir;
        this.hashHexLength = hashHexLength;
        this.refs = new Refs(git, commonDir, hashHexLength);
    }

    /**
     * Opens the repository whose work tree contains {@code directory} for the process {@code environment} describes:
     * the repository is found as git would find it for that process (its {@code GIT_DIR}, {@code GIT_WORK_TREE}...),
     * and every git process starts from exactly its variables.
     */
    public static GitRepository open(Path directory, Environment environment) {
        requireNonNull(environment, "environment is null");
        Map<String, String> variables = environment.variables();
        return open(directory, variables, Git.forEnvironment(directory, variables));
    }

    /** {@code git}: how this repository's git processes start, in any directory ({@link Git#in}). */
    private static GitRepository open(Path directory, Map<String, String> environment, Git git) {
        requireNonNull(directory, "directory is null");
        if (!Files.isDirectory(directory)) {
            throw new NotARepositoryException(directory, "no such directory");
        }
        Optional<RepositoryDiscovery.Layout> layout = RepositoryDiscovery.discover(directory, environment);
        if (layout.isPresent()) {
            RepositoryDiscovery.Layout found = layout.get();
            return new GitRepository(git.in(found.workTree()), found.workTree(), found.gitDir(), found.commonDir(),
                    40);
        }
        return openWithGit(directory, git);
    }

    /** As {@link #open(Path)}, asking {@code git rev-parse} where everything is. */
    static GitRepository openWithGit(Path directory) {
        return openWithGit(directory, new Git(directory));
    }

    private static GitRepository openWithGit(Path directory, Git git) {
        Git probe = git.in(directory);
        GitResult result = probe.tryRun(List.of("rev-parse", "--show-toplevel", "--absolute-git-dir",
                "--git-common-dir", "--show-object-format"), null);
        if (!result.succeeded()) {
            throw new NotARepositoryException(directory, result.stderr().strip());
        }
        String[] lines = result.text().split("\n");
        if (lines.length != 4) {
            throw new NotARepositoryException(directory, "a bare repository has no work tree");
        }
        Path workTree = Path.of(lines[0]);
        Path gitDir = Path.of(lines[1]);
        Path commonDir = directory.resolve(lines[2]).toAbsolutePath().normalize();
        int hexLength = lines[3].equals("sha256") ? 64 : 40;
        return new GitRepository(git.in(workTree), workTree, gitDir, commonDir, hexLength);
    }

    /**
     * This repository for a hook: git processes that sign commits run without a terminal, so a key that needs a
     * passphrase makes the signing fail (and the hook log it) instead of making the user's command wait.
     */
    public GitRepository withoutPrompts() {
        return new GitRepository(git.withoutPrompts(), workTree, gitDir, commonDir, hashHexLength);
    }

    public Path workTree() {
        return workTree;
    }

    /** This work tree's git directory (differs from {@link #commonDir()} in a linked worktree). */
    public Path gitDir() {
        return gitDir;
    }

    /** The directory shared by all worktrees; queues, locks and session state live here. */
    public Path commonDir() {
        return commonDir;
    }

    public int hashHexLength() {
        return hashHexLength;
    }

    /** Reads refs and moves them by compare-and-swap. */
    public Refs refs() {
        return refs;
    }

    public Git git() {
        return git;
    }

    public BatchReader openReader() {
        return new BatchReader(git, hashHexLength / 2);
    }

    public ObjectWriter openWriter() {
        return new ObjectWriter(git, commonDir.resolve("entire-tmp"), commonDir.resolve("objects").resolve("pack"));
    }

    /** An index file of Entire's own at {@code file} (see {@link ScratchIndex}); the user's index is never touched. */
    public ScratchIndex scratchIndex(Path file) {
        return new ScratchIndex(git, file);
    }

    /** This work tree's own index file, the one git commits from. */
    public Path indexFile() {
        return gitDir.resolve("index");
    }

    /** Reads the work tree's status, the staged changes and commits' changes. */
    public Changes changes() {
        return new Changes(git);
    }

    /**
     * The directory git runs hooks from, as {@code git rev-parse --git-path hooks} names it: honours
     * {@code core.hooksPath} and resolves to the shared hooks of a linked worktree.
     */
    public Path hooksDirectory() {
        return workTree.resolve(git.run("rev-parse", "--git-path", "hooks").text()).toAbsolutePath().normalize();
    }

    /** Empty for the main work tree, else the linked worktree's name under {@code <common dir>/worktrees/}. */
    public String worktreeId() {
        try {
            // The two come spelled differently (one from getcwd, one as given), so compare the files.
            return Files.isSameFile(gitDir, commonDir) ? "" : gitDir.getFileName().toString();
        } catch (IOException e) {
            throw new UncheckedIOException("comparing " + gitDir + " with " + commonDir, e);
        }
    }

    /** The rebase, cherry-pick, revert or merge this work tree is in the middle of, from git's state files. */
    public RepositoryOperation operationInProgress() {
        if (Files.exists(gitDir.resolve("rebase-merge")) || Files.exists(gitDir.resolve("rebase-apply"))) {
            return RepositoryOperation.REBASE;
        }
        if (Files.exists(gitDir.resolve("CHERRY_PICK_HEAD"))) {
            return RepositoryOperation.CHERRY_PICK;
        }
        if (Files.exists(gitDir.resolve("REVERT_HEAD"))) {
            return RepositoryOperation.REVERT;
        }
        if (Files.exists(gitDir.resolve("MERGE_HEAD"))) {
            return RepositoryOperation.MERGE;
        }
        return RepositoryOperation.NONE;
    }

    /** The packs of the object store. */
    public ObjectPacks objectPacks() {
        return new ObjectPacks(git, commonDir.resolve("objects").resolve("pack"));
    }

    /** A bulk commit writer; see {@link FastImport} for when its refs move. */
    public FastImport openFastImport() {
        return new FastImport(git, commonDir.resolve("entire-tmp"));
    }

    /** The identity git would use as committer right now (config, GIT_COMMITTER_* and all). */
    public Identity committerIdentity() {
        String ident = git.run("var", "GIT_COMMITTER_IDENT").text();
        return Identity.parse(ident.substring(0, ident.lastIndexOf('>') + 1));
    }

    /** The identity git would use as author right now. */
    public Identity authorIdentity() {
        String ident = git.run("var", "GIT_AUTHOR_IDENT").text();
        return Identity.parse(ident.substring(0, ident.lastIndexOf('>') + 1));
    }

    /** A remote by configured name or URL. */
    public Remote remote(String nameOrUrl) {
        return new Remote(git, nameOrUrl);
    }

    /**
     * The remote a person named: a configured remote, a URL ({@code scheme://...}, or {@code host:path} as scp writes
     * it) or a path, relative to {@code directory}, as git would take it. Anything else is an
     * {@link UnknownRemoteException}, rather than git's "does not appear to be a git repository" after a try.
     */
    public Remote namedRemote(String nameOrUrl, Path directory) {
        int colon = nameOrUrl.indexOf(':');
        int slash = nameOrUrl.indexOf('/');
        // scheme://..., or [user@]host:path: git reads a colon with no slash before it as an scp-style address.
        if (colon > 0 && (slash < 0 || colon < slash)) {
            return remote(nameOrUrl);
        }
        List<String> names = remoteNames();
        if (names.contains(nameOrUrl) || isPath(nameOrUrl, directory)) {
            return remote(nameOrUrl);
        }
        throw new UnknownRemoteException(nameOrUrl, !names.isEmpty());
    }

    private static boolean isPath(String location, Path directory) {
        try {
            return !location.isEmpty() && !location.startsWith("-") && Files.exists(directory.resolve(location));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** The names of the configured remotes. */
    public List<String> remoteNames() {
        return git.run("remote").text().lines().filter(line -> !line.isBlank()).toList();
    }

    /** The URL a configured remote fetches from; empty for a name no remote has. */
    public Optional<String> remoteUrl(String name) {
        if (name.isEmpty() || name.startsWith("-") || name.indexOf('\n') >= 0) {
            return Optional.empty();
        }
        GitResult result = git.tryRun(List.of("remote", "get-url", name), null);
        return result.succeeded() ? Optional.of(result.text().strip()) : Optional.empty();
    }

    /** The remote reads fall back to: {@code origin} if configured, else the only remote, else none. */
    public Optional<Remote> defaultRemote() {
        List<String> names = remoteNames();
        if (names.contains("origin")) {
            return Optional.of(remote("origin"));
        }
        return names.size() == 1 ? Optional.of(remote(names.get(0))) : Optional.empty();
    }

    /** The commit a revision names (HEAD, a branch, an abbreviated id...), if any. */
    public Optional<ObjectId> findCommit(String revision) {
        if (revision.isEmpty() || revision.startsWith("-") || revision.indexOf('\n') >= 0) {
            return Optional.empty();
        }
        GitResult result = git.tryRun(List.of("rev-parse", "--verify", "--quiet", "--end-of-options",
                revision + "^{commit}"), null);
        return result.succeeded() ? Optional.of(ObjectId.of(result.text().strip())) : Optional.empty();
    }

    /**
     * Why HEAD names no commit, in words, when it names none: the repository has no commits yet, or HEAD is on a
     * branch that has none (after {@code git checkout --orphan}). Empty when HEAD names a commit.
     */
    public Optional<String> unbornHead() {
        return findCommit("HEAD").isPresent() ? Optional.empty() : Optional.of(whyHeadNamesNoCommit());
    }

    /** {@link #unbornHead}'s words, for a caller that already found HEAD names no commit. */
    public String whyHeadNamesNoCommit() {
        return refs().list("refs/heads/").isEmpty() ? "this repository has no commits yet"
                : "HEAD's branch has no commits yet";
    }

    /** HEAD's commit and its full message, from one process; empty on an unborn branch. */
    public Optional<LoggedCommit> headCommit() {
        GitResult result = git.tryRun(List.of("log", "-1", NO_SIGNATURES, IN_UTF8, "--format=%H%n%B", "HEAD", "--"),
                null);
        String text = result.text();
        int newline = text.indexOf('\n');
        if (!result.succeeded() || newline < 0) {
            return Optional.empty();
        }
        return Optional.of(new LoggedCommit(ObjectId.of(text.substring(0, newline)), text.substring(newline + 1)));
    }

    /** A config value as git resolves it (all scopes, includes, {@code -c}), if set. */
    public Optional<String> config(String key) {
        GitResult result = git.tryRun(List.of("config", "--get", key), null);
        return result.succeeded() ? Optional.of(result.text()) : Optional.empty();
    }

    /** A commit's full message, exactly as stored. */
    public String commitMessage(ObjectId commit) {
        return git.run("log", "-1", NO_SIGNATURES, IN_UTF8, "--format=%B", commit.hex()).text();
    }

    /** The branch HEAD points to ({@code refs/heads/main}), or empty when HEAD is detached. */
    public Optional<RefName> currentBranch() {
        Optional<HeadFile.Head> head = HeadFile.read(gitDir, hashHexLength);
        if (head.isPresent()) {
            return head.get().branch();
        }
        GitResult result = git.tryRun(List.of("symbolic-ref", "-q", "HEAD"), null);
        return result.succeeded() ? Optional.of(RefName.of(result.text().strip())) : Optional.empty();
    }

    /**
     * Replaces HEAD's commit by one with the same tree, parents, author and author date and the message
     * {@code reword} makes of its own, as {@code git commit --amend} would, without touching the index or work tree
     * (staged changes stay staged). Signed as {@code git commit --amend} would sign it, and always when HEAD's commit
     * was signed: a signature is never dropped, and when signing fails HEAD stays as it was. Compare-and-swap through
     * HEAD: {@link RefUpdateResult#REJECTED_STALE} when HEAD moved meanwhile.
     */
    public RefUpdateResult rewordHead(ObjectId expectedHead, UnaryOperator<String> reword) {
        return rewordCommits(expectedHead, List.of(expectedHead), (commit, message) -> reword.apply(message));
    }

    /**
     * Rewords commits at the tip of HEAD's history the way {@link #rewordHead} rewords HEAD: {@code chain} lists them
     * oldest first and ends with {@code expectedHead}; each commit's parents lie outside the chain or earlier in it.
     * A commit whose message {@code reword} changes, or one of whose parents was rewritten, is replaced by one with
     * the same tree, author and author date; the others stay. Then HEAD moves, compare-and-swap as in rewordHead;
     * {@link RefUpdateResult#UNCHANGED} when no message changed.
     */
    public RefUpdateResult rewordCommits(ObjectId expectedHead, List<ObjectId> chain,
            BiFunction<ObjectId, String, String> reword) {
        if (chain.isEmpty() || !chain.get(chain.size() - 1).equals(expectedHead)) {
            throw new IllegalArgumentException("the commits to reword must end with HEAD " + expectedHead);
        }
        Optional<ObjectId> newHead;
        try (ObjectWriter writer = openWriter()) {
            newHead = new CommitRewriter(git, writer).reword(chain, reword);
        }
        if (newHead.isEmpty()) {
            return RefUpdateResult.UNCHANGED;
        }
        // Through HEAD, as git commit --amend does: git moves the branch HEAD names (or a detached HEAD) if it still
        // holds expectedHead, and logs the change in both reflogs.
        List<String> args = List.of("update-ref", "-m", "entire: link checkpoint", "HEAD", newHead.get().hex(),
                expectedHead.hex());
        GitResult result = git.tryRun(args, null);
        if (result.succeeded()) {
            return RefUpdateResult.UPDATED;
        }
        if (!findCommit("HEAD").equals(Optional.of(expectedHead))) {
            return RefUpdateResult.REJECTED_STALE;
        }
        if (Refs.lockHeld(result)) {
            return RefUpdateResult.LOCKED;
        }
        throw new GitException(args, result.exitCode(), result.stderr());
    }

    /**
     * The commits named, each with its tree, parents and whole message, from one {@code git log}; a name git does not
     * know is a {@link GitException}.
     */
    public List<CommitInfo> commits(Collection<ObjectId> commits) {
        if (commits.isEmpty()) {
            return List.of();
        }
        StringBuilder revisions = new StringBuilder();
        commits.forEach(commit -> revisions.append(commit.hex()).append('\n'));
        List<CommitInfo> found = new ArrayList<>();
        for (String entry : new String(git.run(List.of("log", "--no-walk=unsorted", "--stdin", NO_SIGNATURES,
                IN_UTF8, "-z", "--format=%H%n%T%n%P%n%B"), revisions.toString().getBytes(StandardCharsets.US_ASCII))
                .stdoutInPlace(), StandardCharsets.UTF_8).split("\0")) {
            String[] fields = entry.split("\n", 4);
            if (fields.length < 3) {
                continue;
            }
            found.add(new CommitInfo(ObjectId.of(fields[0]), ObjectId.of(fields[1]), CommitRewriter.parents(fields[2]),
                    fields.length > 3 ? fields[3] : ""));
        }
        return found;
    }

    /** The best common ancestor of two commits, if they share history. */
    public Optional<ObjectId> mergeBase(ObjectId left, ObjectId right) {
        GitResult result = git.tryRun(List.of("merge-base", left.hex(), right.hex()), null);
        return result.succeeded() ? Optional.of(ObjectId.of(result.text().strip())) : Optional.empty();
    }

    /** The refs under a prefix whose commits are {@code commit} or descend from it; one process for all of them. */
    public List<RefName> refsContaining(ObjectId commit, String prefix) {
        List<RefName> refs = new ArrayList<>();
        for (String line : git.run("for-each-ref", "--format=%(refname)", "--contains", commit.hex(), prefix).text()
                .split("\n")) {
            if (!line.isEmpty()) {
                refs.add(RefName.of(line));
            }
        }
        return refs;
    }

    /** True when {@code ancestor} is {@code descendant} or reachable from it. */
    public boolean isAncestor(ObjectId ancestor, ObjectId descendant) {
        List<String> args = List.of("merge-base", "--is-ancestor", ancestor.hex(), descendant.hex());
        GitResult result = git.tryRun(args, null);
        return switch (result.exitCode()) {
            case 0 -> true;
            case 1 -> false;
            default -> throw new GitException(args, result.exitCode(), result.stderr());
        };
    }

    /** Commits reachable from {@code tip} but not from {@code base}, oldest first. */
    public List<ObjectId> commitsBetween(ObjectId base, ObjectId tip) {
        return commitsBetween(List.of(base), tip);
    }

    /** Commits reachable from {@code tip} but from none of {@code bases}, parents before children. */
    public List<ObjectId> commitsBetween(Collection<ObjectId> bases, ObjectId tip) {
        List<String> args = new ArrayList<>(List.of("rev-list", "--reverse", "--topo-order", tip.hex()));
        bases.forEach(base -> args.add("^" + base.hex()));
        List<ObjectId> commits = new ArrayList<>();
        for (String line : git.run(args, null).text().split("\n")) {
            if (!line.isBlank()) {
                commits.add(ObjectId.of(line.strip()));
            }
        }
        return commits;
    }

    /**
     * Commits reachable from the given revisions whose message contains the text, with their messages, newest first,
     * from one {@code git log}. Revisions that do not exist, such as HEAD on an unborn branch, are skipped; any other
     * failure of git is a {@link GitException}.
     */
    public List<LoggedCommit> commitsMentioning(String text, List<String> revisions) {
        List<String> args = new ArrayList<>(List.of("log", "--ignore-missing", NO_SIGNATURES, IN_UTF8, "-z",
                "--format=%H%n%B", "-F", "--grep=" + text));
        args.addAll(revisions);
        args.add("--");
        List<LoggedCommit> commits = new ArrayList<>();
        for (String entry : new String(git.run(args, null).stdoutInPlace(), StandardCharsets.UTF_8).split("\0")) {
            int newline = entry.indexOf('\n');
            if (newline > 0) {
                String message = entry.substring(newline + 1);
                commits.add(new LoggedCommit(ObjectId.of(entry.substring(0, newline)),
                        message.endsWith("\n") ? message.substring(0, message.length() - 1) : message));
            }
        }
        return commits;
    }
}
