package io.entire.core.store.refs;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.CommitInfo;
import io.entire.core.git.CommitRequest;
import io.entire.core.git.Expected;
import io.entire.core.git.GitRepository;
import io.entire.core.git.LoggedCommit;
import io.entire.core.git.ObjectId;
import io.entire.core.git.RefListing;
import io.entire.core.git.RefName;
import io.entire.core.git.RefTip;
import io.entire.core.git.RefUpdateResult;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import io.entire.core.store.CheckpointException;
import io.entire.core.store.CheckpointListing;
import io.entire.core.store.CheckpointStore;
import io.entire.core.store.CheckpointTree;
import io.entire.core.store.CommitMessages;
import io.entire.core.store.FolderListing;
import io.entire.core.store.FolderVersion;
import io.entire.core.store.ListingCache;
import io.entire.core.store.Retry;
import io.entire.core.store.SessionContent;
import io.entire.core.store.StoreKind;
import io.entire.core.store.StoreWorkers;
import io.entire.core.store.StoredCheckpoint;
import io.entire.core.store.TranscriptChunks;
import io.entire.core.store.WriteKind;
import io.entire.core.store.WrittenCheckpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One ref per checkpoint (FORMATS.md 5): {@code refs/entire/checkpoints/<shard>/<id>} points to a commit whose tree
 * is the checkpoint folder; the first write is an orphan commit, later writes are commits on the ref's own tip.
 * Every write that changes a ref queues it for push.
 */
public final class RefStore implements CheckpointStore {
    private final GitRepository repository;
    private final String cliVersion;
    private final RefsToPush refsToPush;
    private final StoreWorkers workers;

    public RefStore(GitRepository repository, String cliVersion, TranscriptChunks chunks,
            RefsToPush refsToPush) {
        this.repository = requireNonNull(repository, "repository is null");
        this.cliVersion = requireNonNull(cliVersion, "cliVersion is null");
        this.workers = new StoreWorkers(repository, chunks);
        this.refsToPush = requireNonNull(refsToPush, "refsToPush is null");
    }

    @Override
    public StoreKind kind() {
        return StoreKind.REFS;
    }

    @Override
    public WrittenCheckpoint write(CheckpointId id, SessionContent session, WriteKind kind) {
        CheckpointTree tree = workers.codec();
        return Retry.untilLanded(id, CheckpointRefs.refFor(id), () -> {
            Optional<RefTip> tip = findTip(id);
            RefName ref = tip.map(RefTip::ref).orElseGet(() -> CheckpointRefs.refFor(id));
            WrittenCheckpoint written = tree.write(id, tip.map(RefTip::tree), session, "",
                    new FolderVersion(cliVersion, Optional.of(StoreKind.REFS.formatVersion())));
            if (!written.changed()) {
                return Optional.of(written);
            }
            ObjectId commit = workers.writer().writeCommit(CommitRequest.of(written.folder(), tip.map(RefTip::commit),
                    CommitMessages.forWrite(id, session, kind)));
            Optional<WrittenCheckpoint> landed = Retry.landed(repository.refs().update(ref,
                    Expected.of(tip.map(RefTip::commit)), commit, "entire: checkpoint " + id), written);
            landed.ifPresent(done -> refsToPush.add(ref));
            return landed;
        });
    }

    /**
     * After the remote refused a push because its copy of the ref moved on (someone added a session), replays the
     * local-only commits onto the remote tip, one commit per replayed commit with its message, and moves the local
     * ref there (compare-and-swap). The remote tip's objects must be present locally. Returns the new local tip.
     */
    public ObjectId reconcile(CheckpointId id, ObjectId remoteTip) {
        CheckpointTree tree = workers.codec();
        RefTip local = findTip(id).orElseThrow(() -> new CheckpointException(id, "no local ref to reconcile"));
        ObjectId tip = remoteTip;
        FolderVersion version = new FolderVersion(cliVersion, Optional.of(StoreKind.REFS.formatVersion()));
        for (ObjectId commit : repository.commitsBetween(remoteTip, local.commit())) {
            CommitInfo info = workers.reader().readCommit(commit);
            Optional<ObjectId> before = info.parents().stream().findFirst().map(workers.reader()::readCommitTree);
            WrittenCheckpoint replayed = tree.replaySessions(id, Optional.of(workers.reader().readCommitTree(tip)),
                    info.tree(), before, "", version);
            if (replayed.changed()) {
                tip = workers.writer().writeCommit(CommitRequest.of(replayed.folder(), Optional.of(tip),
                        info.message()));
            }
        }
        RefUpdateResult result = repository.refs().update(local.ref(), Expected.value(local.commit()), tip,
                "entire: reconcile checkpoint " + id + " with the remote");
        return switch (result) {
            case CREATED, UPDATED, UNCHANGED, DELETED -> tip;
            case REJECTED_STALE, LOCKED -> throw new CheckpointException(id,
                    "the local ref moved while reconciling it with the remote; push again");
        };
    }

    /**
     * The local ref holding this checkpoint, under whichever shard a writer used; the last-two shard when an earlier
     * version's prefix-shard ref is still there too.
     */
    public Optional<RefTip> findTip(CheckpointId id) {
        RefName canonical = CheckpointRefs.refFor(id);
        Optional<RefTip> found = Optional.empty();
        for (RefTip tip : repository.refs().tips(CheckpointRefs.candidateRefs(id))) {
            if (tip.ref().equals(canonical)) {
                return Optional.of(tip);
            }
            if (found.isEmpty() && CheckpointRefs.checkpointOf(tip.ref()).equals(Optional.of(id))) {
                found = Optional.of(tip);
            }
        }
        return found;
    }

    @Override
    public Optional<StoredCheckpoint> find(CheckpointId id) {
        Optional<RefTip> tip = findTip(id);
        return tip.map(found -> workers.codec().read(id, found.tree()));
    }

    @Override
    public Optional<CheckpointId> findLatestForSession(SessionId session) {
        for (LoggedCommit commit : repository.commitsMentioning("Entire-Session: " + session,
                List.of("--glob=" + CheckpointRefs.PREFIX + "??/*"))) {
            Optional<CheckpointId> id = CommitMessages.checkpointOf(commit.message());
            if (id.isPresent() && find(id.get()).flatMap(found -> found.session(session)).isPresent()) {
                return id;
            }
        }
        return Optional.empty();
    }

    @Override
    public Map<String, Set<CheckpointId>> recordedLinks() {
        return CommitMessages.recordedLinks(repository.commitsMentioning(CommitMessages.LINKED_COMMIT_KEY + ": ",
                List.of("--glob=" + CheckpointRefs.PREFIX + "??/*")));
    }

    /** Every checkpoint ref with its tip, skipping refs under the prefix that are not checkpoints ({@code v2/...}). */
    public List<RefTip> tips() {
        return tips(Optional.empty());
    }

    /** As {@link #tips()}, with the value of one trailer of each tip commit. */
    public List<RefTip> tips(Optional<String> trailerKey) {
        List<RefTip> tips = new ArrayList<>();
        for (RefTip tip : repository.refs().tips(List.of(CheckpointRefs.PREFIX), trailerKey)) {
            if (CheckpointRefs.checkpointOf(tip.ref()).isPresent()) {
                tips.add(tip);
            }
        }
        return tips;
    }

    @Override
    public List<CheckpointId> ids() {
        return tips().stream().map(tip -> CheckpointRefs.checkpointOf(tip.ref()).orElseThrow()).distinct().toList();
    }

    /**
     * Listed by tip commit, which names the folder as well as its tree does: asking git for each tip's tree would
     * make it read every commit. The refs' fingerprint is the listing's source: while no ref moved, the cached
     * listing is the answer.
     */
    @Override
    public List<CheckpointListing> list() {
        RefListing refs = repository.refs().listing(CheckpointRefs.PREFIX);
        return FolderListing.read(workers, "refs " + refs.fingerprint(), visitor -> refs.forEach((ref, commit) ->
                CheckpointRefs.checkpointOf(ref).ifPresent(id -> visitor.accept(id, commit))),
                ListingCache.of(repository.commonDir(), kind()));
    }

    @Override
    public StoreWorkers workers() {
        return workers;
    }
}
