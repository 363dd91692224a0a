package io.entire.core.store.v2;

import static java.util.Objects.requireNonNull;

import io.entire.core.Sha256;
import io.entire.core.git.CommitRequest;
import io.entire.core.git.Expected;
import io.entire.core.git.GitObject;
import io.entire.core.git.GitRepository;
import io.entire.core.git.LoggedCommit;
import io.entire.core.git.ObjectId;
import io.entire.core.git.TreeEntry;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import io.entire.core.json.JsonWriter;
import io.entire.core.model.SessionMetadata;
import io.entire.core.store.CheckpointException;
import io.entire.core.store.CheckpointListing;
import io.entire.core.store.CheckpointStore;
import io.entire.core.store.CheckpointTree;
import io.entire.core.store.CommitMessages;
import io.entire.core.store.CompactTranscripts;
import io.entire.core.store.FolderListing;
import io.entire.core.store.ListingCache;
import io.entire.core.store.FolderVersion;
import io.entire.core.store.Retry;
import io.entire.core.store.SessionContent;
import io.entire.core.store.ShardedFolders;
import io.entire.core.store.StoreKind;
import io.entire.core.store.StoreWorkers;
import io.entire.core.store.StoredCheckpoint;
import io.entire.core.store.StoredSession;
import io.entire.core.store.TranscriptChunks;
import io.entire.core.store.TreeSplice;
import io.entire.core.store.WriteKind;
import io.entire.core.store.WrittenCheckpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * The v2 layout (FORMATS.md 4): metadata, prompts and compact transcripts on {@code v2/main}, raw transcripts on
 * {@code v2/full/current}, which rotates into numbered archives of {@code generationSize} checkpoints
 * ({@link V2Generations}). Writes to the full refs and rotation hold the generations' lock (so two writers crossing
 * the threshold make one archive); every ref update is compare-and-swap all the same. Reads find a raw transcript in
 * the current generation or whichever archive holds it.
 */
public final class V2Store implements CheckpointStore {
    public static final int GENERATION_SIZE = 100;
    public static final String RAW = "raw_transcript";
    public static final String RAW_HASH = "raw_transcript_hash.txt";
    public static final String COMPACT_HASH = "transcript_hash.txt";

    private final GitRepository repository;
    private final String cliVersion;
    private final StoreWorkers workers;
    private final V2Generations generations;

    public V2Store(GitRepository repository, String cliVersion, TranscriptChunks chunks, int generationSize) {
        this.repository = requireNonNull(repository, "repository is null");
        this.cliVersion = requireNonNull(cliVersion, "cliVersion is null");
        this.workers = new StoreWorkers(repository, chunks);
        this.generations = new V2Generations(repository, workers, generationSize);
    }

    @Override
    public StoreKind kind() {
        return StoreKind.V2;
    }

    /** One session as v2 stores it: files for its {@code /main} slot and for its {@code /full} slot. */
    private record Slot(SessionMetadata metadata, Map<String, TreeEntry> mainFiles, Map<String, TreeEntry> fullFiles,
            OptionalInt sourceSlot) {
    }

    /** What {@link #writeMain} did: the folder written and the slot each session landed in, in order. */
    private record MainWrite(WrittenCheckpoint written, List<Integer> slots) {
    }

    @Override
    public WrittenCheckpoint write(CheckpointId id, SessionContent session, WriteKind kind) {
        Map<String, TreeEntry> main = new LinkedHashMap<>();
        Map<String, TreeEntry> full = new LinkedHashMap<>();
        TranscriptChunks.Written raw = session.writtenTranscript()
                .orElseGet(() -> workers.chunks().write(session.transcript(), workers.writer()));
        for (int i = 0; i < raw.chunks().size(); i++) {
            String name = TranscriptChunks.chunkName(RAW, i);
            full.put(name, TreeEntry.file(name, raw.chunks().get(i)));
        }
        full.put(RAW_HASH, TreeEntry.file(RAW_HASH,
                workers.writer().writeBlob(raw.contentHash().getBytes(StandardCharsets.UTF_8))));
        if (session.compactTranscript().filter(workers.chunks()::fitsOneBlob).isPresent()) {
            try {
                putCompact(main, Files.readAllBytes(session.compactTranscript().get()));
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + session.compactTranscript().get(), e);
            }
        }
        if (!session.prompts().isEmpty()) {
            main.put(CheckpointTree.PROMPT, TreeEntry.file(CheckpointTree.PROMPT, workers.writer().writeBlob(
                    String.join(CheckpointTree.PROMPT_SEPARATOR, session.prompts()).getBytes(StandardCharsets.UTF_8))));
        }
        SessionMetadata metadata = session.metadata().withCheckpointId(id);
        SessionId sessionId = metadata.sessionId();
        Optional<StoredSession> stored = find(id).flatMap(found -> found.session(sessionId));
        if (stored.isPresent()) {
            metadata = metadata.withCreatedAt(stored.get().metadata().createdAt())
                    .withSource(stored.get().metadata().source());
        }
        main.put(CheckpointTree.METADATA, TreeEntry.file(CheckpointTree.METADATA,
                workers.writer().writeBlob(JsonWriter.pretty(metadata.toJson()))));
        return place(id, List.of(new Slot(metadata, main, full, OptionalInt.empty())), Optional.empty(), kind);
    }

    /**
     * Copies a whole checkpoint as another store holds it, reusing its blobs: every session goes to v2 (those
     * already there unchanged stay as they are), and its subagent records ({@code tasks/}) with them, so v2 never
     * holds part of a checkpoint. Sessions without a compact transcript get one from {@code compacts} when it can
     * build one.
     */
    public WrittenCheckpoint mirror(StoredCheckpoint source, WriteKind kind, CompactTranscripts compacts) {
        List<Slot> slots = new ArrayList<>();
        for (StoredSession session : source.sessions()) {
            Map<String, TreeEntry> main = new LinkedHashMap<>();
            Map<String, TreeEntry> full = new LinkedHashMap<>();
            List<ObjectId> parts = TranscriptChunks.parts(session.files(), CheckpointTree.TRANSCRIPT);
            String rawBase = CheckpointTree.TRANSCRIPT;
            if (parts.isEmpty()) {
                parts = TranscriptChunks.parts(session.files(), CheckpointTree.LEGACY_TRANSCRIPT);
                rawBase = CheckpointTree.LEGACY_TRANSCRIPT;
            }
            // Everything but the raw transcript and its hash (kept on /full) stays on /main, legacy context.md too.
            Set<String> raw = new HashSet<>(List.of(CheckpointTree.CONTENT_HASH, CheckpointTree.COMPACT_TRANSCRIPT));
            for (int i = 0; i < parts.size(); i++) {
                raw.add(TranscriptChunks.chunkName(rawBase, i));
            }
            session.files().forEach((name, entry) -> {
                if (!raw.contains(name)) {
                    main.put(name, entry);
                }
            });
            Optional<TreeEntry> compact = session.file(CheckpointTree.COMPACT_TRANSCRIPT);
            if (compact.isPresent()) {
                putCompact(main, workers.reader().readBlob(compact.get().id()));
            } else if (session.hasTranscript()) {
                compacts.build(source.id(), out -> workers.codec().copyTranscript(source.id(), session, out))
                        .ifPresent(bytes -> putCompact(main, bytes));
            }
            for (int i = 0; i < parts.size(); i++) {
                String name = TranscriptChunks.chunkName(RAW, i);
                full.put(name, TreeEntry.file(name, parts.get(i)));
            }
            session.file(CheckpointTree.CONTENT_HASH).ifPresent(entry -> full.put(RAW_HASH,
                    TreeEntry.file(RAW_HASH, entry.id())));
            slots.add(new Slot(session.metadata(), main, full, OptionalInt.of(session.slot())));
        }
        return place(source.id(), slots, Optional.of(source.folder()), kind);
    }

    private void putCompact(Map<String, TreeEntry> main, byte[] compact) {
        main.put(CheckpointTree.COMPACT_TRANSCRIPT, TreeEntry.file(CheckpointTree.COMPACT_TRANSCRIPT,
                workers.writer().writeBlob(compact)));
        main.put(COMPACT_HASH, TreeEntry.file(COMPACT_HASH, workers.writer().writeBlob(Sha256.contentHash(compact)
                .getBytes(StandardCharsets.UTF_8))));
    }

    /**
     * Writes the slots to {@code /main} (choosing slot numbers) with the task folders of {@code tasksFrom}, then
     * their raw files to {@code /full/current}.
     */
    private WrittenCheckpoint place(CheckpointId id, List<Slot> slots, Optional<ObjectId> tasksFrom, WriteKind kind) {
        MainWrite main = writeMain(id, slots, tasksFrom, kind);
        generations.withLock(() -> {
            writeFull(id, main.slots(), slots, kind);
            generations.rotateIfFull();
        });
        return main.written();
    }

    private MainWrite writeMain(CheckpointId id, List<Slot> slots, Optional<ObjectId> tasksFrom, WriteKind kind) {
        if (slots.isEmpty()) {
            throw new CheckpointException(id, "has no session to store in v2");
        }
        List<String> path = List.of(id.value().substring(0, 2), id.value().substring(2));
        FolderVersion version = new FolderVersion(cliVersion, Optional.of(StoreKind.V2.formatVersion()));
        return Retry.untilLanded(id, V2Refs.MAIN, () -> {
            Optional<ObjectId> tip = repository.refs().find(V2Refs.MAIN);
            ObjectId parent = tip.orElseGet(this::initialCommit);
            ObjectId root = workers.reader().readCommitTree(parent);
            Optional<ObjectId> before = TreeSplice.find(workers.reader(), Optional.of(root), path);
            Optional<ObjectId> folder = before;
            WrittenCheckpoint written = null;
            List<Integer> placed = new ArrayList<>(slots.size());
            for (Slot slot : slots) {
                StoredSession session = new StoredSession(slot.sourceSlot().orElse(0), slot.metadata(),
                        slot.mainFiles());
                written = slot.sourceSlot().isPresent()
                        ? workers.codec().copySlot(id, folder, session, "/" + String.join("/", path), version)
                        : workers.codec().copySession(id, folder, session, "/" + String.join("/", path), version);
                folder = Optional.of(written.folder());
                placed.add(written.slot());
            }
            if (tasksFrom.isPresent()) {
                folder = Optional.of(workers.codec().withTasksOf(folder.orElseThrow(), tasksFrom.get()));
                written = new WrittenCheckpoint(id, folder.get(), written.slot(), written.summary(), true);
            }
            if (folder.equals(before)) {
                return Optional.of(new MainWrite(unchanged(written), placed));
            }
            ObjectId newRoot = TreeSplice.put(workers.reader(), workers.writer(), Optional.of(root), path,
                    folder.get());
            ObjectId commit = workers.writer().writeCommit(CommitRequest.of(newRoot, Optional.of(parent),
                    message(id, kind)));
            return Retry.landed(repository.refs().update(V2Refs.MAIN, Expected.of(tip), commit,
                    "entire: v2 checkpoint " + id), new MainWrite(written, placed));
        });
    }

    private static WrittenCheckpoint unchanged(WrittenCheckpoint written) {
        return new WrittenCheckpoint(written.id(), written.folder(), written.slot(), written.summary(), false);
    }

    private void writeFull(CheckpointId id, List<Integer> placed, List<Slot> slots, WriteKind kind) {
        Map<Integer, Map<String, TreeEntry>> bySlot = new TreeMap<>();
        Instant created = slots.stream().map(slot -> slot.metadata().createdAt()).min(Instant::compareTo)
                .orElseThrow();
        for (int i = 0; i < slots.size(); i++) {
            Slot slot = slots.get(i);
            if (!slot.fullFiles().isEmpty()) {
                bySlot.put(placed.get(i), slot.fullFiles());
            }
        }
        List<String> folder = List.of(id.value().substring(0, 2), id.value().substring(2));
        Retry.untilLanded(id, V2Refs.CURRENT, () -> {
            Optional<ObjectId> tip = repository.refs().find(V2Refs.CURRENT);
            Optional<ObjectId> root = tip.map(workers.reader()::readCommitTree);
            Generation generation = generations.read(root);
            Optional<ObjectId> newRoot = root;
            for (Map.Entry<Integer, Map<String, TreeEntry>> slot : bySlot.entrySet()) {
                ObjectId slotTree = workers.writer().writeTree(slot.getValue().values());
                List<String> path = new ArrayList<>(folder);
                path.add(Integer.toString(slot.getKey()));
                if (!generations.holds(path, slotTree)) {
                    newRoot = Optional.of(TreeSplice.put(workers.reader(), workers.writer(), newRoot, path, slotTree));
                }
            }
            if (kind == WriteKind.CHECKPOINT && !bySlot.isEmpty()) {
                Generation updated = generation.with(id, created);
                if (!updated.equals(generation)) {
                    newRoot = Optional.of(TreeSplice.putFile(workers.reader(), workers.writer(), newRoot,
                            Generation.FILE, workers.writer().writeBlob(updated.toJson())));
                }
            }
            if (newRoot.equals(root)) {
                return Optional.of(root);
            }
            ObjectId commit = workers.writer().writeCommit(CommitRequest.of(newRoot.orElseThrow(), tip,
                    message(id, kind)));
            return Retry.landed(repository.refs().update(V2Refs.CURRENT, Expected.of(tip), commit,
                    "entire: v2 transcript " + id), newRoot);
        });
    }

    /**
     * Archives {@code /full/current} if it holds a full generation, as every write does after writing; for bulk
     * writers that put many checkpoints into it at once. Never fails: problems are logged.
     */
    public void rotateIfFullGeneration() {
        generations.withLock(generations::rotateIfFull);
    }

    /** Archive refs by generation number. */
    public Map<Long, ObjectId> archives() {
        return generations.archives();
    }

    private ObjectId initialCommit() {
        return workers.writer().writeCommit(CommitRequest.of(workers.writer().writeTree(List.of()), Optional.empty(),
                "Initialize v2 ref\n"));
    }

    private static String message(CheckpointId id, WriteKind kind) {
        return switch (kind) {
            case CHECKPOINT -> "Checkpoint: " + id + "\n";
            case FINALIZE -> "Finalize checkpoint: " + id + "\n";
        };
    }

    @Override
    public Optional<StoredCheckpoint> find(CheckpointId id) {
        return findOnMain(id).map(this::withRawTranscripts);
    }

    /** The checkpoint as {@code /main} holds it, without looking for raw transcripts. */
    Optional<StoredCheckpoint> findOnMain(CheckpointId id) {
        Optional<ObjectId> tip = repository.refs().find(V2Refs.MAIN);
        if (tip.isEmpty()) {
            return Optional.empty();
        }
        Optional<ObjectId> folder = workers.reader().find(tip.get().hex() + ":" + id.treePath())
                .filter(object -> object.type().equals("tree")).map(GitObject::id);
        return folder.map(found -> workers.codec().read(id, found));
    }

    /** Adds each slot's raw files from the first full ref that has them, under the names the codec reads. */
    private StoredCheckpoint withRawTranscripts(StoredCheckpoint main) {
        List<ObjectId> tips = generations.tips();
        List<StoredSession> sessions = new ArrayList<>();
        for (StoredSession session : main.sessions()) {
            Map<String, TreeEntry> files = new LinkedHashMap<>(session.files());
            for (ObjectId tip : tips) {
                Optional<GitObject> raw = workers.reader()
                        .find(tip.hex() + ":" + main.id().treePath() + "/" + session.slot())
                        .filter(object -> object.type().equals("tree"));
                if (raw.isPresent()) {
                    for (TreeEntry entry : workers.reader().parseTree(raw.get())) {
                        String name = entry.name().equals(RAW_HASH) ? CheckpointTree.CONTENT_HASH
                                : entry.name().startsWith(RAW) ? CheckpointTree.TRANSCRIPT
                                + entry.name().substring(RAW.length()) : entry.name();
                        files.putIfAbsent(name, new TreeEntry(entry.mode(), name, entry.id()));
                    }
                    break;
                }
            }
            sessions.add(new StoredSession(session.slot(), session.metadata(), files));
        }
        return new StoredCheckpoint(main.id(), main.folder(), main.summary(), sessions);
    }

    @Override
    public Optional<CheckpointId> findLatestForSession(SessionId session) {
        for (LoggedCommit commit : repository.commitsMentioning("Checkpoint: ", List.of(V2Refs.MAIN.name()))) {
            Optional<CheckpointId> id = CommitMessages.checkpointOf(commit.message());
            if (id.isPresent() && find(id.get()).flatMap(found -> found.session(session)).isPresent()) {
                return id;
            }
        }
        return Optional.empty();
    }

    /** None: v2 is only ever written as a mirror, and a link is found in the primary store. */
    @Override
    public Map<String, Set<CheckpointId>> recordedLinks() {
        return Map.of();
    }

    @Override
    public List<CheckpointId> ids() {
        return new ArrayList<>(folders().keySet());
    }

    @Override
    public List<CheckpointListing> list() {
        Map<CheckpointId, ObjectId> folders = folders();
        return folders.isEmpty() ? List.of()
                : FolderListing.read(workers, new ArrayList<>(folders.keySet()), new ArrayList<>(folders.values()),
                        ListingCache.of(repository.commonDir(), kind()));
    }

    /** Every checkpoint folder on {@code /main}. */
    public Map<CheckpointId, ObjectId> folders() {
        Optional<ObjectId> tip = repository.refs().find(V2Refs.MAIN);
        if (tip.isEmpty()) {
            return Map.of();
        }
        return ShardedFolders.read(workers.reader(), workers.reader().readCommitTree(tip.get()));
    }

    /** The cli version this store writes into metadata it creates. */
    public String cliVersion() {
        return cliVersion;
    }

    /** Checkpoints per generation of raw transcripts. */
    public int generationSize() {
        return generations.size();
    }

    V2Generations generations() {
        return generations;
    }

    @Override
    public StoreWorkers workers() {
        return workers;
    }
}
