package io.entire.core.recover;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;
import io.entire.core.git.BatchReader;
import io.entire.core.git.CommitInfo;
import io.entire.core.git.GitRepository;
import io.entire.core.git.ObjectHasher;
import io.entire.core.git.ObjectId;
import io.entire.core.git.PathChange;
import io.entire.core.git.TreeEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Works out which work tree files a rewind to a step changes: every file any step of the shadow branch changed
 * (Entire's and the agents' own folders aside) that differs from the chosen step. A file the step lacks is deleted,
 * unless the person had it before the session began. A file whose content no step and not HEAD holds has changes
 * nothing recorded, and stops the rewind: it would be lost.
 */
final class StepFiles {
    private final GitRepository repository;
    private final BatchReader reader;
    private final List<String> agentFolders;
    private final ObjectHasher hasher;
    private final Map<ObjectId, List<TreeEntry>> trees = new HashMap<>();

    StepFiles(GitRepository repository, BatchReader reader, AgentTranscripts agents) {
        this.repository = requireNonNull(repository, "repository is null");
        this.reader = requireNonNull(reader, "reader is null");
        this.agentFolders = agents.ownFolders(repository.workTree());
        this.hasher = new ObjectHasher(repository.hashHexLength());
    }

    /** The changes that make the work tree as step {@code index} left it; files in {@code keep} are never deleted. */
    List<FileChange> changesTo(ShadowSteps shadow, int index, Set<String> keep, String pointId) {
        Set<String> paths = new TreeSet<>();
        for (CommitInfo step : shadow.steps()) {
            // The Go tool starts a shadow branch with a root commit: HEAD's tree plus the first turn's files.
            List<PathChange> stepChanges = step.parents().isEmpty()
                    ? repository.changes().between(shadow.head(), step.id())
                    : repository.changes().ofCommit(step.id());
            for (PathChange change : stepChanges) {
                if (!isProtected(change.path())) {
                    paths.add(change.path());
                }
            }
        }
        List<ObjectId> recorded = new ArrayList<>();
        recorded.add(reader.readCommitTree(shadow.head()));
        shadow.steps().forEach(step -> recorded.add(step.tree()));
        ObjectId target = shadow.steps().get(index).tree();
        List<FileChange> changes = new ArrayList<>();
        List<String> unsaved = new ArrayList<>();
        for (String path : paths) {
            Optional<TreeEntry> wanted = entry(target, path);
            Optional<Content> current = current(path);
            if (matches(current, wanted) || wanted.isEmpty() && keep.contains(path)) {
                continue;
            }
            if (recorded.stream().noneMatch(tree -> sameContent(current, entry(tree, path)))) {
                unsaved.add(path);
            }
            wanted.ifPresent(entry -> requireObject(entry.id(), pointId));
            FileChange.Action action = wanted.isEmpty() ? FileChange.Action.DELETE
                    : current.isEmpty() ? FileChange.Action.CREATE : FileChange.Action.MODIFY;
            changes.add(new FileChange(path, action, wanted));
        }
        if (!unsaved.isEmpty()) {
            throw new UnsavedChangesException(unsaved, "commit or stash them (or undo them), then rewind");
        }
        return changes;
    }

    private boolean isProtected(String path) {
        return path.equals(".entire") || path.startsWith(".entire/") || path.equals(".git") || path.startsWith(".git/")
                || agentFolders.stream().anyMatch(folder -> path.equals(folder) || path.startsWith(folder + "/"));
    }

    private void requireObject(ObjectId blob, String pointId) {
        try {
            reader.read(blob);
        } catch (EntireException missing) {
            throw new PointDataMissingException("step " + pointId, "cannot read git object " + blob.hex() + " ("
                    + missing.getMessage() + "); nothing was changed", missing);
        }
    }

    /** A file's entry in a tree, by walking its folders; empty when the tree lacks it or holds a folder there. */
    private Optional<TreeEntry> entry(ObjectId root, String path) {
        ObjectId tree = root;
        String[] names = path.split("/");
        for (int i = 0; i < names.length; i++) {
            Optional<TreeEntry> found = Optional.empty();
            for (TreeEntry entry : trees.computeIfAbsent(tree, reader::readTree)) {
                if (entry.name().equals(names[i])) {
                    found = Optional.of(entry);
                    break;
                }
            }
            if (found.isEmpty()) {
                return Optional.empty();
            }
            if (i == names.length - 1) {
                return found.filter(entry -> !entry.isTree() && entry.mode() != TreeEntry.Mode.GITLINK);
            }
            if (!found.get().isTree()) {
                return Optional.empty();
            }
            tree = found.get().id();
        }
        return Optional.empty();
    }

    /** The file as it is in the work tree: its blob id as git would store it, and its kind. */
    private Optional<Content> current(String path) {
        Path file = repository.workTree().resolve(path);
        try {
            if (Files.isSymbolicLink(file)) {
                byte[] target = Files.readSymbolicLink(file).toString().getBytes(StandardCharsets.UTF_8);
                return Optional.of(new Content(hasher.blob(target), TreeEntry.Mode.SYMLINK));
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            TreeEntry.Mode mode = Files.isExecutable(file) ? TreeEntry.Mode.EXECUTABLE : TreeEntry.Mode.FILE;
            return Optional.of(new Content(hasher.blob(Files.readAllBytes(file)), mode));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }

    private static boolean matches(Optional<Content> current, Optional<TreeEntry> wanted) {
        if (current.isEmpty() || wanted.isEmpty()) {
            return current.isEmpty() && wanted.isEmpty();
        }
        return current.get().blob().equals(wanted.get().id()) && current.get().mode() == wanted.get().mode();
    }

    /** Same content, whatever the executable bit: a file whose mode alone changed loses nothing. */
    private static boolean sameContent(Optional<Content> current, Optional<TreeEntry> recorded) {
        if (current.isEmpty() || recorded.isEmpty()) {
            return current.isEmpty() && recorded.isEmpty();
        }
        boolean link = current.get().mode() == TreeEntry.Mode.SYMLINK;
        return current.get().blob().equals(recorded.get().id())
                && link == (recorded.get().mode() == TreeEntry.Mode.SYMLINK);
    }

    private record Content(ObjectId blob, TreeEntry.Mode mode) {
    }
}
