package io.entire.core.migrate;

import static java.util.Objects.requireNonNull;

import io.entire.core.CheckpointFailure;
import io.entire.core.CheckpointFailure.Category;
import io.entire.core.Log;
import io.entire.core.git.BatchReader;
import io.entire.core.git.GitObject;
import io.entire.core.git.GitRepository;
import io.entire.core.git.ObjectId;
import io.entire.core.git.RefTip;
import io.entire.core.git.TreeEntry;
import io.entire.core.git.TreeFiles;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import io.entire.core.json.JsonFormatException;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonWriter;
import io.entire.core.model.CheckpointSummary;
import io.entire.core.model.SessionEntry;
import io.entire.core.model.SessionMetadata;
import io.entire.core.model.Timestamps;
import io.entire.core.store.CheckpointException;
import io.entire.core.store.CheckpointTree;
import io.entire.core.store.branch.BranchStore;
import io.entire.core.store.refs.CheckpointRefs;
import io.entire.core.store.refs.RefStore;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, for every checkpoint on the v1 branch, what migrating it to the ref store takes, without writing
 * anything. A no-op rerun reads no object: one {@code for-each-ref} says which refs were migrated from which v1
 * folder. Other reads are pipelined passes over {@code cat-file --batch}; a checkpoint that cannot be read fails
 * alone, with its id.
 */
public final class RefsMigrationPlanner {
    private static final System.Logger LOG = Log.of(RefsMigrationPlanner.class);

    private final GitRepository repository;
    private final BranchStore branch;
    private final RefStore refs;

    public RefsMigrationPlanner(GitRepository repository, BranchStore branch, RefStore refs) {
        this.repository = requireNonNull(repository, "repository is null");
        this.branch = requireNonNull(branch, "branch is null");
        this.refs = requireNonNull(refs, "refs is null");
    }

    /**
     * What to migrate (oldest first), what is up to date, and what failed. A ref whose tip was migrated from the
     * same v1 folder (its {@link RefsMigrationPlan#SOURCE_TRAILER}) is up to date without reading anything; any other
     * existing ref is up to date when it holds the same sessions and files as the v1 folder (root metadata aside,
     * which differs by design when the ref store wrote it itself, as in {@code refs-v1-mirror} mode).
     */
    public Result plan() {
        Map<CheckpointId, ObjectId> folders = branch.folders();
        Map<CheckpointId, RefTip> existing = new HashMap<>();
        for (RefTip tip : refs.tips(Optional.of(RefsMigrationPlan.SOURCE_TRAILER))) {
            existing.put(CheckpointRefs.checkpointOf(tip.ref()).orElseThrow(), tip);
        }
        List<CheckpointId> upToDate = new ArrayList<>();
        List<CheckpointId> candidates = new ArrayList<>();
        folders.forEach((id, folder) -> {
            RefTip tip = existing.get(id);
            if (tip != null && tip.trailer().equals(Optional.of(folder.hex()))) {
                upToDate.add(id);
            } else {
                candidates.add(id);
            }
        });
        BatchReader reader = refs.workers().reader();
        List<String> treeSpecs = new ArrayList<>();
        for (CheckpointId id : candidates) {
            treeSpecs.add(folders.get(id).hex());
            Optional.ofNullable(existing.get(id)).ifPresent(tip -> treeSpecs.add(tip.tree().hex()));
        }
        List<Optional<GitObject>> trees = new ArrayList<>(treeSpecs.size());
        reader.readAll(treeSpecs, trees::add);

        List<CheckpointFailure> failed = new ArrayList<>();
        List<CheckpointId> stale = new ArrayList<>();
        List<List<TreeEntry>> staleEntries = new ArrayList<>();
        List<String> metadataSpecs = new ArrayList<>();
        int next = 0;
        for (CheckpointId id : candidates) {
            Optional<GitObject> v1 = trees.get(next++);
            Optional<GitObject> current = existing.containsKey(id) ? trees.get(next++) : Optional.empty();
            if (v1.isEmpty()) {
                failed.add(CheckpointFailure.of(id, Category.MISSING_OBJECT,
                        "its v1 folder is missing from the repository (a partial clone?)"));
                continue;
            }
            List<TreeEntry> entries = withoutMetadata(reader.parseTree(v1.get()));
            boolean sameContent = current.map(ref -> withoutMetadata(reader.parseTree(ref)).equals(entries))
                    .orElse(false);
            if (sameContent) {
                upToDate.add(id);
            } else {
                stale.add(id);
                staleEntries.add(entries);
                metadataSpecs.add(folders.get(id).hex() + ":" + CheckpointTree.METADATA);
            }
        }
        List<Optional<GitObject>> roots = new ArrayList<>(stale.size());
        reader.readAll(metadataSpecs, roots::add);
        List<ObjectId> folderIds = new ArrayList<>(stale.size());
        stale.forEach(id -> folderIds.add(folders.get(id)));
        Set<ObjectId> lacking = DamagedFolders.lacking(repository, folderIds);
        Map<CheckpointId, ObjectId> damaged = Map.of();
        if (!lacking.isEmpty()) {
            Map<CheckpointId, List<ObjectId>> files = new LinkedHashMap<>();
            // The root metadata is written anew (from the sessions when it is gone): only the files copied count.
            TreeFiles.forEach(repository, folderIds, (position, listed) -> files.put(stale.get(position), listed
                    .stream().filter(file -> !file.path().equals(CheckpointTree.METADATA)).map(TreeFiles.File::id)
                    .toList()));
            damaged = DamagedFolders.firstLacking(files, lacking);
        }
        JsonReader json = new JsonReader();
        List<Pending> pending = new ArrayList<>();
        for (int i = 0; i < stale.size(); i++) {
            CheckpointId id = stale.get(i);
            ObjectId missing = damaged.get(id);
            if (missing != null) {
                failed.add(DamagedFolders.failure(id, missing));
                continue;
            }
            try {
                CheckpointSummary summary;
                List<SessionEntry> sessions;
                try {
                    byte[] v1Root = roots.get(i).orElseThrow(() -> new CheckpointException(id,
                            "root metadata.json is missing")).content();
                    summary = CheckpointSummary.fromJson(json.parseObject(v1Root));
                    String prefix = "/" + id.treePath();
                    sessions = summary.sessions().stream().map(entry -> entry.withPrefix(prefix, "")).toList();
                } catch (RuntimeException e) {
                    // As the v2 migration does: root aggregates are recomputed from the sessions anyway.
                    LOG.log(Level.DEBUG, "checkpoint " + id + ": " + e.getMessage() + "; rebuilt from its sessions");
                    summary = rebuiltSummary(reader, id, staleEntries.get(i), json);
                    sessions = summary.sessions();
                }
                byte[] metadata = JsonWriter.pretty(new CheckpointSummary(summary.cliVersion(),
                        summary.checkpointsVersion(), summary.id(), summary.strategy(), summary.branch(),
                        summary.checkpointsCount(), summary.filesTouched(), sessions, summary.tokenUsage(),
                        summary.source()).toJson());
                pending.add(new Pending(id, folders.get(id), Optional.ofNullable(existing.get(id)),
                        staleEntries.get(i), metadata, slotNames(staleEntries.get(i))));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "checkpoint " + id + " cannot be migrated: " + e.getMessage());
                failed.add(CheckpointFailure.of(id, Category.STORAGE, String.valueOf(e.getMessage())));
            }
        }
        return new Result(withCreationTimes(reader, pending, json, failed), upToDate, failed);
    }

    /**
     * The root metadata of a v1 folder whose own is missing or unreadable, made from its session slots (paths as the
     * ref store has them); a slot without readable metadata fails the checkpoint.
     */
    private static CheckpointSummary rebuiltSummary(BatchReader reader, CheckpointId id, List<TreeEntry> entries,
            JsonReader json) {
        List<SessionMetadata> sessions = new ArrayList<>();
        List<SessionEntry> paths = new ArrayList<>();
        for (TreeEntry slot : slots(entries)) {
            Map<String, TreeEntry> files = CheckpointTree.entriesByName(reader.readTree(slot.id()));
            TreeEntry metadata = Optional.ofNullable(files.get(CheckpointTree.METADATA)).orElseThrow(
                    () -> new CheckpointException(id, "root and session slot " + slot.name() + " have no "
                            + CheckpointTree.METADATA));
            sessions.add(SessionMetadata.fromJson(json.parseObject(reader.readBlob(metadata.id()))));
            paths.add(CheckpointTree.entryFor("/" + slot.name(), files));
        }
        if (sessions.isEmpty()) {
            throw new CheckpointException(id, "root " + CheckpointTree.METADATA + " is unusable and no session"
                    + " slot says what it held");
        }
        return CheckpointSummary.aggregate(id, Optional.empty(), Optional.empty(), sessions, paths, JsonObject.EMPTY);
    }

    /** The session slot folders among a checkpoint folder's entries, in slot order; there may be gaps. */
    private static List<TreeEntry> slots(List<TreeEntry> entries) {
        return entries.stream().filter(entry -> entry.isTree() && CheckpointTree.slotNumber(entry.name()) >= 0)
                .sorted(Comparator.comparingInt(entry -> CheckpointTree.slotNumber(entry.name()))).toList();
    }

    private static List<String> slotNames(List<TreeEntry> entries) {
        return slots(entries).stream().map(TreeEntry::name).toList();
    }

    private static List<TreeEntry> withoutMetadata(List<TreeEntry> entries) {
        return entries.stream().filter(entry -> !entry.name().equals(CheckpointTree.METADATA)).toList();
    }

    /**
     * Reads every pending checkpoint's session metadata for its creation time, and orders them oldest first; one
     * whose session metadata is not JSON fails.
     */
    private List<RefsMigrationPlan> withCreationTimes(BatchReader reader, List<Pending> pending, JsonReader json,
            List<CheckpointFailure> failed) {
        List<String> specs = new ArrayList<>();
        for (Pending checkpoint : pending) {
            for (String slot : checkpoint.slots()) {
                specs.add(checkpoint.folder().hex() + ":" + slot + "/" + CheckpointTree.METADATA);
            }
        }
        List<Optional<GitObject>> sessions = new ArrayList<>(specs.size());
        reader.readAll(specs, sessions::add);
        List<RefsMigrationPlan> plans = new ArrayList<>(pending.size());
        int next = 0;
        for (Pending checkpoint : pending) {
            Instant created = null;
            List<SessionId> sessionIds = new ArrayList<>();
            Optional<String> unreadable = Optional.empty();
            for (int slot = 0; slot < checkpoint.slots().size(); slot++) {
                Optional<GitObject> session = sessions.get(next++);
                if (session.isEmpty() || unreadable.isPresent()) {
                    continue;
                }
                JsonObject metadata;
                try {
                    metadata = json.parseObject(session.get().content());
                } catch (JsonFormatException e) {
                    unreadable = Optional.of("session slot " + checkpoint.slots().get(slot) + " "
                            + CheckpointTree.METADATA + " cannot be read: " + e.getMessage());
                    continue;
                }
                metadata.findString("session_id").flatMap(RefsMigrationPlanner::sessionId).ifPresent(sessionIds::add);
                Optional<Instant> time = metadata.findString("created_at").flatMap(Timestamps::parse);
                if (time.isPresent() && (created == null || time.get().isBefore(created))) {
                    created = time.get();
                }
            }
            if (unreadable.isPresent()) {
                LOG.log(Level.WARNING, "checkpoint " + checkpoint.id() + " cannot be migrated: " + unreadable.get());
                failed.add(CheckpointFailure.of(checkpoint.id(), Category.STORAGE, unreadable.get()));
                continue;
            }
            Instant createdAt = created != null ? created : checkpoint.id().createdAt().orElse(Instant.EPOCH);
            plans.add(new RefsMigrationPlan(checkpoint.id(), checkpoint.existing().map(RefTip::ref)
                    .orElseGet(() -> CheckpointRefs.refFor(checkpoint.id())),
                    checkpoint.existing().map(RefTip::commit), checkpoint.folder(), checkpoint.entries(),
                    checkpoint.metadata(), createdAt, sessionIds));
        }
        plans.sort(Comparator.comparing(RefsMigrationPlan::createdAt).thenComparing(RefsMigrationPlan::id));
        return plans;
    }

    /** What planning found. */
    public record Result(List<RefsMigrationPlan> toMigrate, List<CheckpointId> upToDate,
            List<CheckpointFailure> failed) {
        public Result {
            toMigrate = List.copyOf(toMigrate);
            upToDate = List.copyOf(upToDate);
            failed = List.copyOf(failed);
        }
    }

    private record Pending(CheckpointId id, ObjectId folder, Optional<RefTip> existing, List<TreeEntry> entries,
            byte[] metadata, List<String> slots) {
    }

    /** Session ids in other writers' metadata that do not validate are left out of messages, not fatal. */
    private static Optional<SessionId> sessionId(String text) {
        try {
            return Optional.of(SessionId.of(text));
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "not a session id: " + e.getMessage());
            return Optional.empty();
        }
    }
}
