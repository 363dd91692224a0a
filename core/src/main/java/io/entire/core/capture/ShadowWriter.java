package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.BatchReader;
import io.entire.core.git.CommitRequest;
import io.entire.core.git.Expected;
import io.entire.core.git.GitObject;
import io.entire.core.git.GitRepository;
import io.entire.core.git.GitWorkers;
import io.entire.core.git.ObjectId;
import io.entire.core.git.RefName;
import io.entire.core.git.RefUpdateResult;
import io.entire.core.git.TreeEditor;
import io.entire.core.git.TreeEntry;
import io.entire.core.json.JsonNumber;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import io.entire.core.json.JsonWriter;
import io.entire.core.session.FileSnapshot;
import io.entire.core.session.SessionState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes snapshots of the agent's files onto shadow branches: each snapshot is a commit whose tree is the previous
 * snapshot's (or the base commit's) with the given files as they are in the work tree now, plus the session's
 * {@code .entire/metadata/<session-id>/metadata.json}. Sessions of one work tree share its branch; the ref moves
 * by compare-and-swap, so concurrent sessions re-apply their files onto each other's snapshots.
 */
final class ShadowWriter {
    static final String METADATA_DIRECTORY = ".entire/metadata/";
    private static final int MAX_ATTEMPTS = 20;

    private final GitRepository repository;
    private final GitWorkers workers;

    ShadowWriter(GitRepository repository, GitWorkers workers) {
        this.repository = requireNonNull(repository, "repository is null");
        this.workers = requireNonNull(workers, "workers is null");
    }

    /** A work tree file as a tree entry (its blob written), or empty when it does not exist as a file. */
    Optional<TreeEntry> workTreeEntry(String path) {
        Path file = repository.workTree().resolve(path);
        String name = file.getFileName().toString();
        try {
            if (Files.isSymbolicLink(file)) {
                byte[] target = Files.readSymbolicLink(file).toString().getBytes(StandardCharsets.UTF_8);
                return Optional.of(new TreeEntry(TreeEntry.Mode.SYMLINK, name, workers.writer().writeBlob(target)));
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            TreeEntry.Mode mode = Files.isExecutable(file) ? TreeEntry.Mode.EXECUTABLE : TreeEntry.Mode.FILE;
            return Optional.of(new TreeEntry(mode, name, workers.writer().writeBlob(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }

    /** The files as they are now: one entry per path, empty for a deleted file. */
    Map<String, Optional<TreeEntry>> workTreeEntries(List<String> paths) {
        Map<String, Optional<TreeEntry>> entries = new LinkedHashMap<>();
        for (String path : paths) {
            entries.put(path, workTreeEntry(path));
        }
        return entries;
    }

    static List<FileSnapshot> snapshots(Map<String, Optional<TreeEntry>> entries) {
        return entries.entrySet().stream().map(entry -> new FileSnapshot(entry.getKey(),
                entry.getValue().map(TreeEntry::id))).toList();
    }

    /**
     * The session's metadata file for a snapshot: which session and step, where its transcript is and how long it
     * was. Shadow branches hold no transcript or prompt text: they are not redacted (redacting a 1 MB transcript at
     * every stop would triple its cost), and a {@code git push --all} must not publish them.
     */
    Map<String, Optional<TreeEntry>> metadataEntries(SessionState state, int step, long transcriptLines) {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        members.put("session_id", new JsonString(state.sessionId().value()));
        members.put("agent", new JsonString(state.agent().slug()));
        members.put("step", JsonNumber.of(step));
        members.put("transcript_path", new JsonString(state.transcript().map(Path::toString).orElse("")));
        members.put("transcript_lines", JsonNumber.of(transcriptLines));
        members.put("checkpoint_transcript_start", JsonNumber.of(state.transcriptStart()));
        ObjectId blob = workers.writer().writeBlob(JsonWriter.pretty(new JsonObject(members)));
        return Map.of(METADATA_DIRECTORY + state.sessionId().value() + "/metadata.json",
                Optional.of(TreeEntry.file("metadata.json", blob)));
    }

    /**
     * Commits the edits onto the shadow branch of {@code base} in work tree {@code worktreeId}; empty when the
     * snapshot would be identical to the branch's tip, which is then left alone.
     */
    Optional<ObjectId> commit(ObjectId base, String worktreeId, Map<String, Optional<TreeEntry>> edits,
            String message) {
        RefName branch = ShadowBranch.name(base, worktreeId);
        TreeEditor editor = new TreeEditor(workers.reader(), workers.writer());
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            // The ref's own value, not a peeled one: it is what the compare-and-swap expects.
            Optional<GitObject> tip = workers.reader().find(branch.name());
            if (tip.isPresent() && !tip.get().type().equals("commit")) {
                throw new CaptureException(branch.shortName() + " points to a " + tip.get().type()
                        + ", not a commit; delete it (git update-ref -d " + branch.name() + ") to record snapshots");
            }
            ObjectId parent = tip.map(GitObject::id).orElse(base);
            ObjectId parentTree = tip.isPresent() ? BatchReader.parseCommit(tip.get()).tree()
                    : workers.reader().readCommitTree(base);
            ObjectId tree = editor.apply(Optional.of(parentTree), edits);
            if (tree.equals(parentTree) && tip.isPresent()) {
                return Optional.empty();
            }
            // Snapshots stay local and are never pushed: signing each step would slow every turn, or ask for a key.
            ObjectId commit = workers.writer().writeCommit(CommitRequest.unsigned(tree, Optional.of(parent), message));
            RefUpdateResult result = repository.updateRef(branch, Expected.of(tip.map(GitObject::id)), commit,
                    "entire: snapshot");
            switch (result) {
                case CREATED, UPDATED, UNCHANGED, DELETED -> {
                    return Optional.of(commit);
                }
                case REJECTED_STALE, LOCKED -> pause(attempt);
            }
        }
        throw new CaptureException("gave up writing " + branch.shortName() + " after " + MAX_ATTEMPTS
                + " attempts: other sessions kept moving it; the next turn's snapshot will try again");
    }

    /** Deletes the shadow branch of {@code base} if it exists; true when it is gone. */
    boolean delete(ObjectId base, String worktreeId) {
        RefName branch = ShadowBranch.name(base, worktreeId);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<ObjectId> tip = workers.reader().find(branch.name()).map(GitObject::id);
            if (tip.isEmpty() && repository.isLooseRef(branch)) {
                // cat-file calls a branch whose commit is missing (a damaged repository) missing too; rev-parse
                // reads its value, so it goes as well. Only then: most sessions condensed have no shadow branch.
                tip = repository.findRef(branch);
            }
            if (tip.isEmpty()) {
                return true;
            }
            switch (repository.deleteRef(branch, tip.get(), "entire: condensed")) {
                case DELETED, CREATED, UPDATED, UNCHANGED -> {
                    return true;
                }
                case REJECTED_STALE, LOCKED -> pause(attempt);
            }
        }
        return false;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(50, 2L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaptureException("interrupted while writing a shadow branch");
        }
    }
}
