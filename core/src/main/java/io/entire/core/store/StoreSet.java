package io.entire.core.store;

import static java.util.Objects.requireNonNull;

import io.entire.core.CheckpointFailure;
import io.entire.core.Log;
import io.entire.core.RandomSource;
import io.entire.core.Warning;
import io.entire.core.git.GitRepository;
import io.entire.core.git.GitWorkers;
import io.entire.core.git.RefName;
import io.entire.core.git.Remote;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import io.entire.core.settings.Settings;
import io.entire.core.settings.StoreMode;
import io.entire.core.store.branch.BranchStore;
import io.entire.core.store.refs.CheckpointRefs;
import io.entire.core.store.refs.RefStore;
import io.entire.core.store.refs.RefsToPush;
import io.entire.core.store.v2.V2Store;
import java.lang.System.Logger.Level;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The stores a repository uses, built here and nowhere else from its settings: the primary, which every write must
 * reach; mirrors, written best-effort after it; and the read order (primary, then the v1 branch for legacy ids it
 * does not know, then one ref fetched from the remote). Owns the stores' git processes; close it when done.
 */
public final class StoreSet implements AutoCloseable {
    private static final System.Logger LOG = Log.of(StoreSet.class);

    private final GitRepository repository;
    private final StoreMode mode;
    private final CheckpointStore primary;
    private final List<CheckpointStore> mirrors;
    private final Optional<BranchStore> branchFallback;
    private final Optional<V2Store> v2;
    private final CompactTranscripts compacts;
    private final CheckpointRemotes remotes;

    private StoreSet(GitRepository repository, StoreMode mode, CheckpointStore primary, List<CheckpointStore> mirrors,
            Optional<BranchStore> branchFallback, Optional<V2Store> v2, CompactTranscripts compacts,
            CheckpointRemotes remotes) {
        this.repository = repository;
        this.remotes = remotes;
        this.mode = mode;
        this.primary = primary;
        this.mirrors = List.copyOf(mirrors);
        this.branchFallback = branchFallback;
        this.v2 = v2;
        this.compacts = compacts;
    }

    public static StoreSet open(GitRepository repository, Settings settings, String cliVersion,
            RefsToPush refsToPush) {
        return open(repository, settings, cliVersion, refsToPush, CompactTranscripts.NONE, V2Store.GENERATION_SIZE);
    }

    /**
     * @param refsToPush where the ref store notes the refs its writes changed (the push queue)
     * @param compacts builds compact transcripts for sessions copied into v2 without one
     * @param generationSize checkpoints per v2 generation (100; tests lower it)
     */
    public static StoreSet open(GitRepository repository, Settings settings, String cliVersion,
            RefsToPush refsToPush, CompactTranscripts compacts, int generationSize) {
        requireNonNull(repository, "repository is null");
        requireNonNull(refsToPush, "refsToPush is null");
        requireNonNull(compacts, "compacts is null");
        TranscriptChunks chunks = new TranscriptChunks(TranscriptChunks.DEFAULT_LIMIT);
        CheckpointRemotes remotes = new CheckpointRemotes(repository, settings.checkpointRemote());
        BranchStore branch = new BranchStore(repository, cliVersion, chunks, remotes);
        StoreMode mode = settings.storeMode();
        Optional<V2Store> v2 = settings.checkpointsV2()
                ? Optional.of(new V2Store(repository, cliVersion, chunks, generationSize)) : Optional.empty();
        return switch (mode) {
            case BRANCH -> new StoreSet(repository, mode, branch, List.of(), Optional.empty(), v2, compacts, remotes);
            case REFS_WITH_BRANCH_MIRROR -> new StoreSet(repository, mode,
                    new RefStore(repository, cliVersion, chunks, refsToPush),
                    List.of(branch), Optional.of(branch), v2, compacts, remotes);
            case REFS -> new StoreSet(repository, mode, new RefStore(repository, cliVersion, chunks, refsToPush),
                    List.of(), Optional.of(branch), v2, compacts, remotes);
        };
    }

    /** The stores a migration to refs reads from (the v1 branch) and writes to (the ref store), whatever the mode. */
    public static StoreSet forRefsMigration(GitRepository repository, String cliVersion, RefsToPush refsToPush) {
        TranscriptChunks chunks = new TranscriptChunks(TranscriptChunks.DEFAULT_LIMIT);
        return new StoreSet(repository, StoreMode.REFS, new RefStore(repository, cliVersion, chunks, refsToPush),
                List.of(), Optional.of(new BranchStore(repository, cliVersion, chunks)), Optional.empty(),
                CompactTranscripts.NONE, new CheckpointRemotes(repository, Optional.empty()));
    }

    /**
     * Writes into the v1 branch every checkpoint of the ref store it lacks (a mirror write that failed); returns
     * each one's outcome. Only for a set opened with {@link #forRefsMigration}.
     */
    public MirrorRepair repairBranchMirror() {
        RefStore refs = refStore().orElseThrow();
        BranchStore branch = branchFallback.orElseThrow();
        Set<CheckpointId> present = new HashSet<>(branch.ids());
        List<CheckpointId> repaired = new ArrayList<>();
        List<CheckpointFailure> failed = new ArrayList<>();
        for (CheckpointId id : refs.ids()) {
            if (!present.contains(id)) {
                try {
                    branch.mirror(refs.find(id).orElseThrow(() -> new CheckpointException(id, "vanished")));
                    repaired.add(id);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "checkpoint " + id + ": the branch mirror was not repaired: " + e);
                    failed.add(CheckpointFailure.of(id, CheckpointFailure.Category.STORAGE,
                            "the branch mirror was not repaired (" + e.getMessage() + ")"));
                }
            }
        }
        return new MirrorRepair(repaired, failed);
    }

    /** What {@link #repairBranchMirror} did: the checkpoints it wrote, and each one it could not. */
    public record MirrorRepair(List<CheckpointId> repaired, List<CheckpointFailure> failed) {
        public MirrorRepair {
            repaired = List.copyOf(repaired);
            failed = List.copyOf(failed);
        }
    }

    /** Where checkpoints are pushed and fetched from, as the settings say. */
    public CheckpointRemotes remotes() {
        return remotes;
    }

    /** The v1 branch that reads fall back to for legacy ids, when the mode keeps one (and in a refs migration). */
    public Optional<BranchStore> branchFallback() {
        return branchFallback;
    }

    /**
     * The stores a migration to v2 reads from (the v1 branch) and writes to (v2), whatever the settings.
     *
     * @param compacts builds compact transcripts for sessions v1 holds without one
     * @param generationSize checkpoints per v2 generation (100; tests lower it)
     */
    public static StoreSet forV2Migration(GitRepository repository, String cliVersion, CompactTranscripts compacts,
            int generationSize) {
        requireNonNull(compacts, "compacts is null");
        TranscriptChunks chunks = new TranscriptChunks(TranscriptChunks.DEFAULT_LIMIT);
        BranchStore branch = new BranchStore(repository, cliVersion, chunks);
        return new StoreSet(repository, StoreMode.BRANCH, branch, List.of(), Optional.empty(),
                Optional.of(new V2Store(repository, cliVersion, chunks, generationSize)), compacts,
                new CheckpointRemotes(repository, Optional.empty()));
    }

    /** Builds compact transcripts for sessions copied into v2 without one. */
    public CompactTranscripts compacts() {
        return compacts;
    }

    public StoreMode mode() {
        return mode;
    }

    /** The store every write goes to first. */
    public CheckpointStore primary() {
        return primary;
    }

    /**
     * The git reader and writer of the primary store, for a caller that works on the same repository in the same
     * operation (post-commit's condenser): one set of git processes instead of two. This set owns them and closes
     * them; a borrower must not, and uses them from the thread that uses this set.
     */
    public GitWorkers gitWorkers() {
        return primary.workers().git();
    }

    /**
     * How the stores cut transcripts into chunks: a transcript written ahead with it and the {@link #gitWorkers}'
     * writer is taken as it is ({@link SessionContent#writtenTranscript}).
     */
    public TranscriptChunks transcriptChunks() {
        return primary.workers().chunks();
    }

    /** The ref store, when the mode uses one. */
    public Optional<RefStore> refStore() {
        return primary instanceof RefStore refs ? Optional.of(refs) : Optional.empty();
    }

    /** The v1 branch store, when the mode writes it (as primary or as mirror). */
    public Optional<BranchStore> branchStore() {
        return primary instanceof BranchStore branch ? Optional.of(branch)
                : mode == StoreMode.REFS_WITH_BRANCH_MIRROR ? branchFallback : Optional.empty();
    }

    /** A new checkpoint id of the kind the primary store wants: ULIDs for refs, legacy hex for the branch. */
    public CheckpointId newCheckpointId(InstantSource clock, RandomSource random) {
        return mode.newCheckpointId(clock, random);
    }

    /**
     * Writes to the primary (its failure is the caller's failure), then to each mirror; a mirror's failure is
     * logged with the checkpoint id and reported, never thrown, and migration repairs it. v2, when on, gets the
     * whole checkpoint as the primary now holds it, so a checkpoint that existed only in v1 arrives complete.
     */
    public StoreSetWrite write(CheckpointId id, SessionContent session, WriteKind kind) {
        WrittenCheckpoint written = primary.write(id, session, kind);
        List<Warning> warnings = new ArrayList<>();
        for (CheckpointStore mirror : mirrors) {
            mirrorSafely(id, mirror.kind(), warnings, () -> mirror.write(id, session, kind));
        }
        v2.ifPresent(store -> mirrorSafely(id, StoreKind.V2, warnings, () -> store.mirror(
                primary.find(id).orElseThrow(() -> new CheckpointException(id, "vanished from the primary store")),
                kind, compacts)));
        return new StoreSetWrite(written, warnings);
    }

    private static void mirrorSafely(CheckpointId id, StoreKind kind, List<Warning> warnings, Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            String warning = "checkpoint " + id + ": the " + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + " mirror was not written (" + e.getMessage() + "); 'entire migrate --checkpoints "
                    + (kind == StoreKind.V2 ? "v2" : "refs") + "' repairs it";
            LOG.log(Level.WARNING, warning);
            warnings.add(Warning.aboutCheckpoint(id, warning));
        }
    }

    /** The v2 store, when {@code checkpoints_v2} is on. */
    public Optional<V2Store> v2Store() {
        return v2;
    }

    /** The checkpoint and the store that answered, trying each store in read order; fetches one missing ref. */
    public Optional<Located> find(CheckpointId id) {
        Optional<Located> local = findLocal(id);
        if (local.isPresent() || !mode.refsArePrimary()) {
            return local;
        }
        return fetch(id) ? findLocal(id) : Optional.empty();
    }

    private Optional<Located> findLocal(CheckpointId id) {
        Optional<Located> found = primary.find(id).map(checkpoint -> new Located(checkpoint, primary));
        if (found.isEmpty() && id.kind() == CheckpointId.Kind.LEGACY_HEX && branchFallback.isPresent()) {
            BranchStore branch = branchFallback.get();
            found = branch.find(id).map(checkpoint -> new Located(checkpoint, branch));
        }
        if (found.isEmpty() && v2.isPresent()) {
            found = v2.get().find(id).map(checkpoint -> new Located(checkpoint, v2.get()));
        }
        return found;
    }

    /**
     * Fetches the ref holding a checkpoint from the checkpoint remote (the default remote unless the settings name
     * another), asking it for that checkpoint's possible ref names only; false when there is no remote. Not on the
     * remote fetches nothing; a transport failure is a RemoteException. Fetched refs are never queued for push.
     */
    private boolean fetch(CheckpointId id) {
        Optional<Remote> remote = remotes.forReading().map(CheckpointDestination::remote);
        remote.ifPresent(found -> found.fetchStartingWith(CheckpointRefs.candidateRefs(id)));
        return remote.isPresent();
    }

    /** Checkpoints on the remote, by ref name alone (nothing fetched); ULIDs carry their creation time. */
    public List<RemoteCheckpoint> listRemote(Remote remote) {
        List<RemoteCheckpoint> found = new ArrayList<>();
        Set<RefName> local = repository.refs().list(CheckpointRefs.PREFIX).keySet();
        for (RefName ref : remote.listRefs(List.of(CheckpointRefs.PREFIX + "*")).keySet()) {
            CheckpointRefs.checkpointOf(ref).ifPresent(id -> found.add(new RemoteCheckpoint(id, ref,
                    local.contains(ref))));
        }
        found.sort(Comparator.comparing((RemoteCheckpoint checkpoint) -> checkpoint.id().createdAt()
                .orElse(java.time.Instant.EPOCH)).reversed().thenComparing(RemoteCheckpoint::id));
        return found;
    }

    /** Every checkpoint id any store knows, for prefix look-ups. */
    public List<CheckpointId> ids() {
        List<CheckpointId> ids = new ArrayList<>(primary.ids());
        branchFallback.ifPresent(branch -> branch.ids().stream().filter(id -> !ids.contains(id)).forEach(ids::add));
        v2.ifPresent(store -> store.ids().stream().filter(id -> !ids.contains(id)).forEach(ids::add));
        return ids;
    }

    /** Every checkpoint, newest first; where two stores have one, the primary's copy is listed. */
    public List<CheckpointListing> list() {
        Map<CheckpointId, CheckpointListing> byId = new LinkedHashMap<>();
        primary.list().forEach(listing -> byId.put(listing.id(), listing));
        branchFallback.ifPresent(branch -> branch.list().forEach(listing -> byId.putIfAbsent(listing.id(), listing)));
        v2.ifPresent(store -> store.list().forEach(listing -> byId.putIfAbsent(listing.id(), listing)));
        List<CheckpointListing> listings = new ArrayList<>(byId.values());
        listings.sort(CheckpointListing::newestFirst);
        return listings;
    }

    /** The checkpoint this session was most recently written to, in read order. */
    public Optional<CheckpointId> findLatestForSession(SessionId session) {
        return primary.findLatestForSession(session)
                .or(() -> branchFallback.flatMap(branch -> branch.findLatestForSession(session)));
    }

    /**
     * The checkpoints linked to each code commit (full hex id) by a {@code linked_commit} their sessions record
     * rather than by a trailer: {@code import}'s links; from the primary store and the v1 branch it falls back to.
     */
    public Map<String, Set<CheckpointId>> recordedLinks() {
        Map<String, Set<CheckpointId>> links = new HashMap<>();
        primary.recordedLinks().forEach((commit, ids) -> links.computeIfAbsent(commit, key -> new LinkedHashSet<>())
                .addAll(ids));
        branchFallback.filter(branch -> branch != primary).ifPresent(branch -> branch.recordedLinks()
                .forEach((commit, ids) -> links.computeIfAbsent(commit, key -> new LinkedHashSet<>()).addAll(ids)));
        return links;
    }

    /** A checkpoint together with the store it was read from, which serves its transcripts. */
    public record Located(StoredCheckpoint checkpoint, CheckpointStore store) {
        public Located {
            requireNonNull(checkpoint, "checkpoint is null");
            requireNonNull(store, "store is null");
        }
    }

    @Override
    public void close() {
        try {
            primary.close();
        } finally {
            try {
                branchFallback.filter(branch -> branch != primary).ifPresent(BranchStore::close);
            } finally {
                v2.ifPresent(V2Store::close);
            }
        }
    }
}
