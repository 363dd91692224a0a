package io.entire.core.migrate;

import static java.util.Objects.requireNonNull;

import io.entire.core.CheckpointFailure;
import io.entire.core.CheckpointFailure.Category;
import io.entire.core.git.BatchReader;
import io.entire.core.git.GitObject;
import io.entire.core.git.GitRepository;
import io.entire.core.git.ObjectId;
import io.entire.core.git.TreeEntry;
import io.entire.core.git.TreeFiles;
import io.entire.core.id.CheckpointId;
import io.entire.core.json.JsonReader;
import io.entire.core.migrate.V2MigrationPlan.CompactSource;
import io.entire.core.migrate.V2MigrationPlan.FullSlot;
import io.entire.core.migrate.V2MigrationPlan.MainFolder;
import io.entire.core.migrate.V2MigrationPlan.SlotWrite;
import io.entire.core.model.CheckpointSummary;
import io.entire.core.model.SessionMetadata;
import io.entire.core.store.CheckpointException;
import io.entire.core.store.CheckpointTree;
import io.entire.core.store.StoredSession;
import io.entire.core.store.TranscriptChunks;
import io.entire.core.store.branch.BranchStore;
import io.entire.core.store.v2.V2Refs;
import io.entire.core.store.v2.V2Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Decides what migrating the v1 branch to v2 takes, without writing and without reading a transcript: trees of the
 * v1 folders, of their {@code /main} copies and of every {@code /full} ref are read in pipelined passes, and session
 * metadata only for checkpoints that are not plainly up to date (their blob ids on v1 and {@code /main} agree, every
 * raw transcript is in some generation, every compact transcript that could exist does).
 */
public final class V2MigrationPlanner {
    /** The key of a {@code /main} session's metadata that names its v1 slot, when the two differ. */
    public static final String V1_SLOT = "v1_slot";

    /** Which checkpoints are rewritten. */
    public enum Scope {
        /** Only what is missing from v2: absent checkpoints, sessions and compact transcripts, unpacked raw ones. */
        MISSING,
        /** Everything from scratch ({@code --force}): v1 checkpoints are pruned from every generation first. */
        EVERYTHING
    }

    /**
     * A checkpoint folder as listed: its top-level files, its session slots' files (slot folders hold files), and
     * every other file by its path in the folder ({@code tasks/...}).
     */
    record Folder(Map<String, TreeEntry> entries, SortedMap<Integer, Map<String, TreeEntry>> slots,
            Map<String, TreeEntry> others) {
        /** The same folder with only its slots' metadata files. */
        Folder metadataOnly() {
            SortedMap<Integer, Map<String, TreeEntry>> metadata = new TreeMap<>();
            slots.forEach((slot, files) -> metadata.put(slot, Optional.ofNullable(files.get(CheckpointTree.METADATA))
                    .map(entry -> Map.of(CheckpointTree.METADATA, entry)).orElse(Map.of())));
            return new Folder(Map.of(), metadata, Map.of());
        }
    }

    private final GitRepository repository;
    private final BranchStore branch;
    private final V2Store v2;
    private final JsonReader json = new JsonReader();

    public V2MigrationPlanner(GitRepository repository, BranchStore branch, V2Store v2) {
        this.repository = requireNonNull(repository, "repository is null");
        this.branch = requireNonNull(branch, "branch is null");
        this.v2 = requireNonNull(v2, "v2 is null");
    }

    public V2MigrationPlan plan(Scope scope) {
        BatchReader reader = v2.workers().reader();
        Map<CheckpointId, ObjectId> v1 = branch.folders();
        Map<CheckpointId, ObjectId> main = v2.folders();
        List<CheckpointFailure> failed = new ArrayList<>();
        List<CheckpointId> ids = new ArrayList<>(v1.keySet());
        V2MigrationFullIndex index = V2MigrationFullIndex.read(repository, reader);
        // One listing streams each checkpoint's v1 folder, then its /main copy; only what is pending is kept whole:
        // holding both sides of 10,000 checkpoints made a no-op rerun spend a fifth of its time in garbage collection.
        List<ObjectId> trees = new ArrayList<>();
        List<CheckpointId> owners = new ArrayList<>();
        for (CheckpointId id : ids) {
            trees.add(v1.get(id));
            owners.add(id);
            if (scope == Scope.MISSING && main.containsKey(id)) {
                trees.add(main.get(id));
                owners.add(id);
            }
        }
        Map<CheckpointId, Folder> sources = new HashMap<>();
        Map<CheckpointId, Folder> targets = new HashMap<>();
        List<CheckpointId> pending = new ArrayList<>();
        int[] upToDate = {0};
        TreeFiles.forEach(repository, trees, (position, files) -> {
            CheckpointId id = owners.get(position);
            List<String> notFiles = new ArrayList<>();
            Folder folder = folder(files, notFiles);
            notFiles.forEach(path -> failed.add(CheckpointFailure.of(id, Category.STORAGE,
                    path + " is not a regular file (a symlink?); left out")));
            boolean hasTarget = position + 1 < owners.size() && owners.get(position + 1).equals(id);
            if (hasTarget) {
                sources.put(id, folder);   // decided when its /main copy is listed, next
                return;
            }
            Folder listedBefore = sources.get(id);   // present when this listing is the /main copy
            Folder source = listedBefore == null ? folder : listedBefore;
            Folder target = listedBefore == null ? null : folder;
            if (target != null && plainlyUpToDate(id, source, target, index)) {
                upToDate[0]++;
                sources.put(id, source.metadataOnly());   // enough for creationTime
            } else {
                pending.add(id);
                sources.put(id, source);
                if (target != null) {
                    targets.put(id, target);
                }
            }
        });
        List<ObjectId> pendingFolders = new ArrayList<>(pending.size());
        for (CheckpointId id : pending) {
            pendingFolders.add(v1.get(id));
        }
        Set<ObjectId> lacking = DamagedFolders.lacking(repository, pendingFolders);
        if (!lacking.isEmpty()) {
            Map<CheckpointId, List<ObjectId>> files = new LinkedHashMap<>();
            for (CheckpointId id : pending) {
                files.put(id, copiedFiles(sources.get(id)));
            }
            Map<CheckpointId, ObjectId> damaged = DamagedFolders.firstLacking(files, lacking);
            damaged.forEach((id, object) -> failed.add(DamagedFolders.failure(id, object)));
            pending.removeAll(damaged.keySet());
        }
        Metadata metadata = readMetadata(reader, pending, sources, targets, failed);
        List<V2MigrationPlan.Checkpoint> checkpoints = new ArrayList<>();
        for (CheckpointId id : pending) {
            try {
                if (!metadata.sessions().containsKey(id)) {
                    continue;   // unreadable metadata: already in failed
                }
                Optional<V2MigrationPlan.Checkpoint> checkpoint = plan(id, sources.get(id),
                        Optional.ofNullable(targets.get(id)), main.containsKey(id), metadata, index, scope);
                if (checkpoint.isPresent()) {
                    checkpoints.add(checkpoint.get());
                } else {
                    upToDate[0]++;
                }
            } catch (RuntimeException e) {
                failed.add(CheckpointFailure.of(id, Category.STORAGE, String.valueOf(e.getMessage())));
            }
        }
        checkpoints.sort(Comparator.comparing(V2MigrationPlan.Checkpoint::createdAt)
                .thenComparing(V2MigrationPlan.Checkpoint::id));
        V2MigrationGenerations generations = new V2MigrationGenerations(index, v1.keySet(), scope);
        boolean packs = checkpoints.stream().anyMatch(checkpoint -> !checkpoint.full().isEmpty());
        return new V2MigrationPlan(checkpoints, upToDate[0], failed, repository.refs().find(V2Refs.MAIN),
                index.current().map(V2MigrationFullIndex.FullRef::tip), generations.currentAfterPrune(),
                index.nextArchive(), generations.prunes(), packs ? generations.repairs(id -> creationTime(reader, id,
                sources, metadata)) : List.of());
    }

    /** The files of a v1 folder a migration copies or reads: all but its root metadata, which it writes anew. */
    private static List<ObjectId> copiedFiles(Folder folder) {
        List<ObjectId> files = new ArrayList<>();
        folder.entries().forEach((name, entry) -> {
            if (!name.equals(CheckpointTree.METADATA)) {
                files.add(entry.id());
            }
        });
        folder.slots().values().forEach(slot -> slot.values().forEach(entry -> files.add(entry.id())));
        folder.others().values().forEach(entry -> files.add(entry.id()));
        return files;
    }

    private static boolean plainlyUpToDate(CheckpointId id, Folder source, Folder target,
            V2MigrationFullIndex index) {
        Map<ObjectId, Integer> targetSlots = new HashMap<>();
        target.slots().forEach((slot, files) -> Optional.ofNullable(files.get(CheckpointTree.METADATA))
                .ifPresent(entry -> targetSlots.putIfAbsent(entry.id(), slot)));
        for (Map<String, TreeEntry> files : source.slots().values()) {
            Integer slot = Optional.ofNullable(files.get(CheckpointTree.METADATA)).map(TreeEntry::id)
                    .map(targetSlots::remove).orElse(null);
            if (slot == null) {
                return false;
            }
            boolean hasRaw = !rawParts(files).isEmpty();
            if (!target.slots().get(slot).containsKey(CheckpointTree.COMPACT_TRANSCRIPT)
                    && (hasRaw || files.containsKey(CheckpointTree.COMPACT_TRANSCRIPT))) {
                return false;
            }
            if (hasRaw && !index.holds(id, slot)) {
                return false;
            }
        }
        return true;
    }

    private Optional<V2MigrationPlan.Checkpoint> plan(CheckpointId id, Folder source, Optional<Folder> target,
            boolean onMain, Metadata metadata, V2MigrationFullIndex index, Scope scope) {
        Map<Integer, SessionMetadata> sourceSessions = metadata.sessions().get(id);
        Instant created = sourceSessions.values().stream().map(SessionMetadata::createdAt).min(Instant::compareTo)
                .or(id::createdAt).orElse(Instant.EPOCH);
        List<SlotWrite> writes = new ArrayList<>();
        List<FullSlot> full = new ArrayList<>();
        List<StoredSession> kept = new ArrayList<>();
        if (target.isEmpty()) {
            int slot = 0;
            for (Map.Entry<Integer, Map<String, TreeEntry>> session : source.slots().entrySet()) {
                Map<String, TreeEntry> files = session.getValue();
                writes.add(new SlotWrite(slot, sourceSessions.get(session.getKey()), mainFiles(files),
                        compactSource(files), false, session.getKey()));
                addFull(full, id, slot++, files, index, scope);
            }
        } else {
            Map<Integer, SessionMetadata> targetSessions = metadata.targetSessions().get(id);
            Map<Integer, Integer> matched = match(source, target.get(), sourceSessions, targetSessions);
            int next = target.get().slots().isEmpty() ? 0 : target.get().slots().lastKey() + 1;
            Map<Integer, SlotWrite> written = new LinkedHashMap<>();
            for (Map.Entry<Integer, Map<String, TreeEntry>> session : source.slots().entrySet()) {
                Map<String, TreeEntry> files = session.getValue();
                SessionMetadata sessionMetadata = sourceSessions.get(session.getKey());
                Integer slot = matched.get(session.getKey());
                if (slot == null) {
                    slot = next++;
                    written.put(slot, new SlotWrite(slot, sessionMetadata, mainFiles(files), compactSource(files),
                            false, session.getKey()));
                } else if (!target.get().slots().get(slot).containsKey(CheckpointTree.COMPACT_TRANSCRIPT)
                        && !(compactSource(files) instanceof CompactSource.None)) {
                    written.put(slot, new SlotWrite(slot, targetSessions.get(slot), target.get().slots().get(slot),
                            compactSource(files), true, slot));
                }
                addFull(full, id, slot, files, index, scope);
            }
            writes.addAll(written.values());
            target.get().slots().forEach((slot, files) -> {
                if (!written.containsKey(slot)) {
                    kept.add(new StoredSession(slot, targetSessions.get(slot), files));
                }
            });
        }
        if (writes.isEmpty() && full.isEmpty()) {
            return Optional.empty();
        }
        Optional<CheckpointSummary> base = target.isEmpty()
                ? Optional.ofNullable(metadata.sourceSummaries().get(id)).map(V2MigrationPlanner::withoutSessions)
                : Optional.ofNullable(metadata.targetSummaries().get(id));
        Optional<MainFolder> folder = writes.isEmpty() ? Optional.empty() : Optional.of(new MainFolder(
                target.isEmpty() && onMain ? MainFolder.Replace.REPLACE_FOLDER : MainFolder.Replace.KEEP_FOLDER,
                base, kept, writes, source.others()));
        return Optional.of(new V2MigrationPlan.Checkpoint(id, created, folder, full));
    }

    /**
     * The v1 root summary a new {@code /main} folder is built on: its keys and values (such as the Go tool's
     * {@code migration_source_commit}, {@code strategy}, a zero {@code token_usage}), but no session entries, which
     * name v1 slot numbers.
     */
    private static CheckpointSummary withoutSessions(CheckpointSummary summary) {
        return new CheckpointSummary(summary.cliVersion(), summary.checkpointsVersion(), summary.id(),
                summary.strategy(), summary.branch(), summary.checkpointsCount(), summary.filesTouched(), List.of(),
                summary.tokenUsage(), summary.source());
    }

    /**
     * Pairs v1 slots with {@code /main} slots: first those whose metadata is the same blob, then by the v1 slot a
     * renumbered session recorded, then by session id. Real v1 data has checkpoints with one session id in two
     * slots, so each {@code /main} slot pairs once.
     */
    private static Map<Integer, Integer> match(Folder source, Folder target, Map<Integer, SessionMetadata> sources,
            Map<Integer, SessionMetadata> targets) {
        Map<Integer, Integer> matched = new HashMap<>();
        Map<ObjectId, Integer> byBlob = new HashMap<>();
        target.slots().forEach((slot, files) -> Optional.ofNullable(files.get(CheckpointTree.METADATA))
                .ifPresent(entry -> byBlob.putIfAbsent(entry.id(), slot)));
        source.slots().forEach((slot, files) -> Optional.ofNullable(files.get(CheckpointTree.METADATA))
                .map(entry -> byBlob.get(entry.id())).filter(found -> !matched.containsValue(found))
                .ifPresent(found -> matched.put(slot, found)));
        targets.forEach((slot, metadata) -> metadata.source().findLong(V1_SLOT).map(Long::intValue)
                .filter(v1 -> source.slots().containsKey(v1) && !matched.containsKey(v1)
                        && !matched.containsValue(slot))
                .ifPresent(v1 -> matched.put(v1, slot)));
        for (Integer slot : source.slots().keySet()) {
            if (!matched.containsKey(slot)) {
                targets.entrySet().stream().filter(entry -> !matched.containsValue(entry.getKey()))
                        .filter(entry -> entry.getValue().sessionId().equals(sources.get(slot).sessionId()))
                        .findFirst().ifPresent(entry -> matched.put(slot, entry.getKey()));
            }
        }
        return matched;
    }

    private static void addFull(List<FullSlot> full, CheckpointId id, int slot, Map<String, TreeEntry> files,
            V2MigrationFullIndex index, Scope scope) {
        List<ObjectId> parts = rawParts(files);
        if (parts.isEmpty() || (scope == Scope.MISSING && index.holds(id, slot))) {
            return;
        }
        List<TreeEntry> entries = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            entries.add(TreeEntry.file(TranscriptChunks.chunkName(V2Store.RAW, i), parts.get(i)));
        }
        Optional.ofNullable(files.get(CheckpointTree.CONTENT_HASH))
                .ifPresent(hash -> entries.add(TreeEntry.file(V2Store.RAW_HASH, hash.id())));
        full.add(new FullSlot(slot, entries));
    }

    /**
     * The files copied to {@code /main} as they are: all but the raw transcript and its hash, which go to
     * {@code /full}, and the compact transcript, added when written.
     */
    private static Map<String, TreeEntry> mainFiles(Map<String, TreeEntry> files) {
        Set<String> elsewhere = new HashSet<>(List.of(CheckpointTree.CONTENT_HASH, CheckpointTree.COMPACT_TRANSCRIPT));
        for (String base : List.of(CheckpointTree.TRANSCRIPT, CheckpointTree.LEGACY_TRANSCRIPT)) {
            for (int i = 0; files.containsKey(TranscriptChunks.chunkName(base, i)); i++) {
                elsewhere.add(TranscriptChunks.chunkName(base, i));
            }
        }
        Map<String, TreeEntry> main = new LinkedHashMap<>();
        files.forEach((name, entry) -> {
            if (!elsewhere.contains(name)) {
                main.put(name, entry);
            }
        });
        return main;
    }

    private static CompactSource compactSource(Map<String, TreeEntry> files) {
        TreeEntry compact = files.get(CheckpointTree.COMPACT_TRANSCRIPT);
        if (compact != null) {
            return new CompactSource.Copy(compact.id());
        }
        List<ObjectId> parts = rawParts(files);
        return parts.isEmpty() ? new CompactSource.None() : new CompactSource.Rebuild(parts);
    }

    private static List<ObjectId> rawParts(Map<String, TreeEntry> files) {
        List<ObjectId> parts = TranscriptChunks.parts(files, CheckpointTree.TRANSCRIPT);
        return parts.isEmpty() ? TranscriptChunks.parts(files, CheckpointTree.LEGACY_TRANSCRIPT) : parts;
    }

    /**
     * A listed checkpoint folder. A session file that is not a regular file (a symlink, a submodule) is left out and
     * its path added to {@code notFiles}: its "content" is a link target, never the session's data.
     */
    private static Folder folder(List<TreeFiles.File> files, List<String> notFiles) {
        Folder folder = new Folder(new LinkedHashMap<>(), new TreeMap<>(), new LinkedHashMap<>());
        for (TreeFiles.File file : files) {
            int slash = file.path().indexOf('/');
            int slot = slash < 0 ? -1 : CheckpointTree.slotNumber(file.path().substring(0, slash));
            if (slash < 0) {
                folder.entries().put(file.path(), new TreeEntry(file.mode(), file.path(), file.id()));
            } else if (slot >= 0 && (file.mode() == TreeEntry.Mode.SYMLINK || file.mode() == TreeEntry.Mode.GITLINK)) {
                notFiles.add(file.path());
            } else if (slot >= 0 && file.path().indexOf('/', slash + 1) < 0) {
                String name = file.path().substring(slash + 1);
                folder.slots().computeIfAbsent(slot, key -> new LinkedHashMap<>())
                        .put(name, new TreeEntry(file.mode(), name, file.id()));
            } else {
                String name = file.path().substring(file.path().lastIndexOf('/') + 1);
                folder.others().put(file.path(), new TreeEntry(file.mode(), name, file.id()));
            }
        }
        return folder;
    }

    /**
     * Parsed session metadata (v1 and {@code /main}) and root summaries of pending checkpoints: the {@code /main}
     * one, or the v1 one of a checkpoint not on {@code /main} yet.
     */
    record Metadata(Map<CheckpointId, Map<Integer, SessionMetadata>> sessions,
            Map<CheckpointId, Map<Integer, SessionMetadata>> targetSessions,
            Map<CheckpointId, CheckpointSummary> targetSummaries,
            Map<CheckpointId, CheckpointSummary> sourceSummaries) {
    }

    private Metadata readMetadata(BatchReader reader, List<CheckpointId> pending, Map<CheckpointId, Folder> sources,
            Map<CheckpointId, Folder> targets, List<CheckpointFailure> failed) {
        List<String> specs = new ArrayList<>();
        for (CheckpointId id : pending) {
            sources.get(id).slots().values().forEach(files -> specs.add(metadataSpec(files)));
            if (targets.containsKey(id)) {
                targets.get(id).slots().values().forEach(files -> specs.add(metadataSpec(files)));
                specs.add(metadataSpec(targets.get(id).entries()));
            } else {
                specs.add(metadataSpec(sources.get(id).entries()));
            }
        }
        List<Optional<GitObject>> blobs = new ArrayList<>(specs.size());
        reader.readAll(specs, blobs::add);
        Metadata metadata = new Metadata(new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>());
        int next = 0;
        for (CheckpointId id : pending) {
            int start = next;
            next += sources.get(id).slots().size() + 1 + (targets.containsKey(id) ? targets.get(id).slots().size() : 0);
            try {
                int position = start;
                metadata.sessions().put(id, sessions(id, sources.get(id), blobs, position));
                if (targets.containsKey(id)) {
                    position += sources.get(id).slots().size();
                    metadata.targetSessions().put(id, sessions(id, targets.get(id), blobs, position));
                    position += targets.get(id).slots().size();
                    byte[] root = blobs.get(position).orElseThrow(() -> new CheckpointException(id,
                            "its /main folder has no " + CheckpointTree.METADATA)).content();
                    metadata.targetSummaries().put(id, CheckpointSummary.fromJson(json.parseObject(root)));
                } else {
                    position += sources.get(id).slots().size();
                    // A v1 folder without a readable root is still migrated, its summary rebuilt from the sessions.
                    blobs.get(position).flatMap(this::summary)
                            .ifPresent(summary -> metadata.sourceSummaries().put(id, summary));
                }
            } catch (RuntimeException e) {
                metadata.sessions().remove(id);
                failed.add(CheckpointFailure.of(id, Category.STORAGE, String.valueOf(e.getMessage())));
            }
        }
        return metadata;
    }

    private Optional<CheckpointSummary> summary(GitObject blob) {
        try {
            return Optional.of(CheckpointSummary.fromJson(json.parseObject(blob.content())));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private Map<Integer, SessionMetadata> sessions(CheckpointId id, Folder folder, List<Optional<GitObject>> blobs,
            int start) {
        Map<Integer, SessionMetadata> sessions = new TreeMap<>();
        int position = start;
        for (Integer slot : folder.slots().keySet()) {
            byte[] blob = blobs.get(position++).orElseThrow(() -> new CheckpointException(id, "session slot " + slot
                    + " has no readable " + CheckpointTree.METADATA)).content();
            sessions.put(slot, SessionMetadata.fromJson(json.parseObject(blob)));
        }
        return sessions;
    }

    /** A metadata file's blob id, or a path that cat-file reports missing when there is none. */
    private static String metadataSpec(Map<String, TreeEntry> files) {
        return Optional.ofNullable(files.get(CheckpointTree.METADATA)).map(entry -> entry.id().hex())
                .orElse("0000000000000000000000000000000000000000:missing");
    }

    /** The creation time of a v1 checkpoint for generation metadata: from parsed metadata, else read now. */
    private Optional<Instant> creationTime(BatchReader reader, CheckpointId id, Map<CheckpointId, Folder> sources,
            Metadata metadata) {
        Map<Integer, SessionMetadata> parsed = metadata.sessions().get(id);
        if (parsed == null && sources.containsKey(id)) {
            try {
                parsed = sessions(id, sources.get(id), readBlobs(reader, sources.get(id)), 0);
            } catch (RuntimeException e) {
                return id.createdAt();
            }
        }
        return Optional.ofNullable(parsed).flatMap(sessions -> sessions.values().stream()
                .map(SessionMetadata::createdAt).min(Instant::compareTo)).or(id::createdAt);
    }

    private static List<Optional<GitObject>> readBlobs(BatchReader reader, Folder folder) {
        List<Optional<GitObject>> blobs = new ArrayList<>();
        reader.readAll(folder.slots().values().stream().map(V2MigrationPlanner::metadataSpec).toList(), blobs::add);
        return blobs;
    }
}
