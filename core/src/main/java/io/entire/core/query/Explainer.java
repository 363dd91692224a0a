package io.entire.core.query;

import static java.util.Objects.requireNonNull;

import io.entire.core.Background;
import io.entire.core.Sha256;
import io.entire.core.git.GitRepository;
import io.entire.core.git.LoggedCommit;
import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import io.entire.core.model.CheckpointSummary;
import io.entire.core.store.CheckpointStore;
import io.entire.core.store.CheckpointTree;
import io.entire.core.store.StoreSet;
import io.entire.core.store.StoredCheckpoint;
import io.entire.core.store.StoredSession;
import io.entire.core.trailers.Trailers;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Answers "why did this code change?" for a checkpoint id, a unique id prefix, or a commit-ish. */
public final class Explainer {
    private static final Pattern ID_PREFIX = Pattern.compile("[0-9a-f]{4,11}|[0-9A-HJKMNP-TV-Z]{4,25}");

    private final GitRepository repository;
    private final StoreSet stores;

    public Explainer(GitRepository repository, StoreSet stores) {
        this.repository = requireNonNull(repository, "repository is null");
        this.stores = requireNonNull(stores, "stores is null");
    }

    /** What the target names: a checkpoint, or a commit and the checkpoints its trailers link to. */
    private Target resolve(String target) {
        Optional<CheckpointId> exact = CheckpointId.parse(target);
        Optional<StoreSet.Located> found = exact.flatMap(stores::find);
        if (found.isPresent()) {
            return new Target(exact.get(), List.of(), found);
        }
        if (exact.isEmpty() && ID_PREFIX.matcher(target).matches()) {
            List<CheckpointId> matches = stores.ids().stream().filter(id -> id.value().startsWith(target)).toList();
            if (matches.size() > 1) {
                throw new NotFoundException("'" + target + "' matches " + matches.size() + " checkpoints ("
                        + matches.stream().limit(5).map(CheckpointId::value).toList() + "); give more characters");
            }
            if (matches.size() == 1) {
                return new Target(matches.get(0), List.of(), Optional.empty());
            }
        }
        Optional<ObjectId> commit = repository.findCommit(target);
        if (commit.isEmpty()) {
            throw new NotFoundException("'" + target + "' is neither a known checkpoint id nor a commit");
        }
        List<CheckpointId> linked = Trailers.checkpointIds(repository.commitMessage(commit.get()));
        if (linked.isEmpty()) {
            throw new NotFoundException("commit " + commit.get().abbreviated() + " has no " + Trailers.CHECKPOINT_KEY
                    + " trailer: no agent session is linked to it");
        }
        return new Target(linked.get(0), linked.subList(1, linked.size()), Optional.empty());
    }

    /** Reads the checkpoint and its sessions while a thread of its own searches the log for linked commits. */
    public Explanation explain(String target) {
        Target resolved = resolve(target);
        Background<List<LinkedCommit>> commits = Background.start("explain-log",
                () -> linkedCommits(resolved.checkpoint()));
        StoreSet.Located located = locate(resolved);
        StoredCheckpoint checkpoint = located.checkpoint();
        CheckpointSummary summary = checkpoint.summary();
        List<SessionExplanation> sessions = new ArrayList<>();
        for (StoredSession session : checkpoint.sessions()) {
            sessions.add(explainSession(located.store(), checkpoint, session));
        }
        return new Explanation(checkpoint.id(), located.store().kind(), checkpoint.createdAt(), summary.branch(),
                summary.filesTouched(), summary.tokenUsage(), sessions, commits.join(), resolved.others());
    }

    /**
     * Streams the raw transcripts of a checkpoint's sessions, in slot order; returns a line naming each session
     * whose transcript is missing from the store (empty when every one was copied).
     */
    public List<String> copyRawTranscripts(String target, OutputStream out) {
        StoreSet.Located located = locate(resolve(target));
        List<String> missing = new ArrayList<>();
        for (StoredSession session : located.checkpoint().sessions()) {
            if (session.hasTranscript()) {
                located.store().copyTranscript(located.checkpoint(), session, out);
            } else {
                missing.add("checkpoint " + located.checkpoint().id() + ": session slot " + session.slot() + " ("
                        + session.metadata().sessionId() + ") has no raw transcript (full.jsonl is missing)");
            }
        }
        if (located.checkpoint().sessions().isEmpty()) {
            missing.add("checkpoint " + located.checkpoint().id() + " has no sessions, so no raw transcript");
        }
        return missing;
    }

    /** The resolved checkpoint, read once: already found while resolving, or looked up now. */
    private StoreSet.Located locate(Target target) {
        return target.found().or(() -> stores.find(target.checkpoint())).orElseThrow(() -> new NotFoundException(
                "checkpoint " + target.checkpoint() + " is linked but not in the local checkpoint store;"
                        + " fetch it with: git fetch origin entire/checkpoints/v1:entire/checkpoints/v1"));
    }

    private SessionExplanation explainSession(CheckpointStore store, StoredCheckpoint checkpoint,
            StoredSession session) {
        List<String> prompts = store.readText(session, CheckpointTree.PROMPT)
                .map(text -> List.of(text.split(Pattern.quote(CheckpointTree.PROMPT_SEPARATOR))))
                .orElse(List.of());
        return new SessionExplanation(session.slot(), session.metadata().sessionId(), session.metadata().agent(),
                session.metadata().model(), session.metadata().createdAt(), prompts, session.metadata().tokenUsage(),
                session.metadata().filesTouched(), checkHash(store, checkpoint, session));
    }

    private static HashCheck checkHash(CheckpointStore store, StoredCheckpoint checkpoint, StoredSession session) {
        if (!session.hasTranscript()) {
            return HashCheck.NO_TRANSCRIPT;
        }
        Optional<String> expected = store.readText(session, CheckpointTree.CONTENT_HASH).map(String::strip);
        if (expected.isEmpty()) {
            return HashCheck.NO_HASH;
        }
        Sha256 sha256 = new Sha256();
        store.copyTranscript(checkpoint, session, sha256.stream());
        String actual = sha256.contentHash();
        return actual.equals(expected.get()) ? HashCheck.MATCH : HashCheck.MISMATCH;
    }

    private List<LinkedCommit> linkedCommits(CheckpointId id) {
        List<LinkedCommit> commits = new ArrayList<>();
        for (LoggedCommit commit : repository.commitsMentioning(Trailers.checkpointLine(id),
                List.of("--exclude=refs/heads/entire/*", "--branches", "--tags", "--remotes", "HEAD"))) {
            if (Trailers.checkpointIds(commit.message()).contains(id)) {
                commits.add(new LinkedCommit(commit.id(), commit.message().lines().findFirst().orElse("")));
            }
        }
        return commits;
    }

    /**
     * A resolved explain target: the checkpoint to show, any further checkpoints the same commit links, and the
     * checkpoint itself when resolving already read it.
     */
    private record Target(CheckpointId checkpoint, List<CheckpointId> others, Optional<StoreSet.Located> found) {
        Target {
            requireNonNull(checkpoint, "checkpoint is null");
            others = List.copyOf(others);
            requireNonNull(found, "found is null");
        }
    }
}
