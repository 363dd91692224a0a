package io.entire.core.query;

import static java.util.Objects.requireNonNull;

import io.entire.core.Background;
import io.entire.core.Sha256;
import io.entire.core.Warning;
import io.entire.core.agent.Agent;
import io.entire.core.agent.Agents;
import io.entire.core.agent.TranscriptFormat;
import io.entire.core.git.CommitInfo;
import io.entire.core.git.GitRepository;
import io.entire.core.git.LoggedCommit;
import io.entire.core.git.MissingObjectException;
import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.InvalidIdException;
import io.entire.core.id.SessionId;
import io.entire.core.json.JsonLineSink;
import io.entire.core.model.CheckpointSummary;
import io.entire.core.store.CheckpointStore;
import io.entire.core.store.CheckpointTree;
import io.entire.core.store.CommitLinks;
import io.entire.core.store.StoreSet;
import io.entire.core.store.StoredCheckpoint;
import io.entire.core.store.StoredSession;
import io.entire.core.trailers.Trailers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Answers "why did this code change?" for a checkpoint id, a unique id prefix, or a commit-ish. */
public final class Explainer {
    private static final int MIN_PREFIX = 4;
    private static final Pattern ID_PREFIX = Pattern.compile("[0-9a-f]{4,11}|[0-9A-HJKMNP-TV-Z]{4,25}");
    private static final Pattern SHORT_PREFIX = Pattern.compile("[0-9a-f]{1,3}|[0-9A-HJKMNP-TV-Z]{1,3}");

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
            return new Target(List.of(exact.get()), found);
        }
        if (exact.isEmpty() && ID_PREFIX.matcher(target).matches()) {
            List<CheckpointId> matches = stores.ids().stream().filter(id -> id.value().startsWith(target)).toList();
            if (matches.size() > 1) {
                throw new NotFoundException("'" + target + "' matches " + matches.size() + " checkpoints ("
                        + matches.stream().limit(5).map(CheckpointId::value).toList() + "); give more characters");
            }
            if (matches.size() == 1) {
                return new Target(List.of(matches.get(0)), Optional.empty());
            }
        }
        Optional<ObjectId> commit = repository.findCommit(target);
        if (commit.isEmpty() && target.equals("HEAD")) {
            // It reads as an id prefix too (ULIDs' letters): say what it is.
            throw new NotFoundException("HEAD names no commit: " + repository.whyHeadNamesNoCommit());
        }
        if (commit.isEmpty()) {
            throw notFound(target, exact);
        }
        List<CheckpointId> linked = linkedBy(commit.get());
        if (linked.isEmpty()) {
            throw new NotFoundException("commit " + commit.get().abbreviated() + " has no " + Trailers.CHECKPOINT_KEY
                    + " trailer and no imported session records it: no agent session is linked to it");
        }
        return new Target(linked, Optional.empty());
    }

    /** Why a target that is no commit names no checkpoint: a usage error unless it has the form of an id. */
    private static RuntimeException notFound(String target, Optional<CheckpointId> exact) {
        String listing = "; 'entire checkpoint list' shows the ids";
        if (exact.isPresent()) {
            return new NotFoundException("no checkpoint " + target + " in this repository" + listing);
        }
        if (ID_PREFIX.matcher(target).matches()) {
            return new NotFoundException("no checkpoint id starts with '" + target + "'" + listing);
        }
        if (SHORT_PREFIX.matcher(target).matches()) {
            return new InvalidIdException("'" + target + "' is too short for a checkpoint id prefix: give at least "
                    + MIN_PREFIX + " characters");
        }
        return new InvalidIdException("'" + target + "' is neither a checkpoint id nor a commit" + listing);
    }

    /**
     * The checkpoints a commit links: its own (by trailer, or recorded by an import), and for a merge those of the
     * commits it merged (reachable from it but not from its first parent), oldest first, each once.
     */
    private List<CheckpointId> linkedBy(ObjectId commit) {
        CommitInfo info = repository.commits(List.of(commit)).get(0);
        Set<CheckpointId> linked = new LinkedHashSet<>(new CommitLinks(repository, stores).of(commit, info.message()));
        List<ObjectId> parents = info.parents();
        if (parents.size() > 1) {
            List<LoggedCommit> merged = new ArrayList<>(repository.commitsMentioning(Trailers.CHECKPOINT_KEY + ":",
                    List.of(commit.hex(), "^" + parents.get(0).hex())));
            Collections.reverse(merged);
            merged.forEach(loggedCommit -> linked.addAll(Trailers.checkpointIds(loggedCommit.message())));
        }
        return List.copyOf(linked);
    }

    /**
     * Every checkpoint the target names: the one an id names, or each one a commit links (a squash links several).
     * A linked checkpoint that is not stored is listed as missing and never hides the others; when none is stored,
     * {@link NotFoundException}.
     */
    public Explanations explainAll(String target) {
        Target resolved = resolve(target);
        if (resolved.checkpoints().size() == 1) {
            return new Explanations(List.of(explain(resolved.checkpoints().get(0), locate(resolved),
                    resolved.checkpoints())), List.of());
        }
        List<Explanation> found = new ArrayList<>();
        List<CheckpointId> missing = new ArrayList<>();
        for (CheckpointId id : resolved.checkpoints()) {
            stores.find(id).ifPresentOrElse(located -> found.add(explain(id, located, resolved.checkpoints())),
                    () -> missing.add(id));
        }
        if (found.isEmpty()) {
            throw new NotFoundException("none of the checkpoints " + missing + " is in the local checkpoint store;"
                    + " fetch them with: git fetch origin entire/checkpoints/v1:entire/checkpoints/v1");
        }
        return new Explanations(found, missing);
    }

    /** Reads the checkpoint and its sessions while a thread of its own searches the log for linked commits. */
    private Explanation explain(CheckpointId id, StoreSet.Located located, List<CheckpointId> linkedTogether) {
        Background<List<LinkedCommit>> commits = Background.start("explain-log", () -> linkedCommits(id));
        StoredCheckpoint checkpoint = located.checkpoint();
        CheckpointSummary summary = checkpoint.summary();
        List<SessionExplanation> sessions = new ArrayList<>();
        for (StoredSession session : checkpoint.sessions()) {
            sessions.add(explainSession(located.store(), checkpoint, session));
        }
        List<CheckpointId> others = linkedTogether.stream().filter(other -> !other.equals(id)).toList();
        return new Explanation(checkpoint.id(), located.store().kind(), checkpoint.createdAt(), summary.branch(),
                summary.filesTouched(), summary.tokenUsage(), sessions, withRecorded(commits.join(), checkpoint),
                others);
    }

    /**
     * Streams the raw transcripts of a checkpoint's sessions, in slot order; returns one warning, naming the
     * checkpoint and session, for each session whose transcript is missing from the store (empty when every one was
     * copied).
     */
    public List<Warning> copyRawTranscripts(String target, OutputStream out) {
        StoreSet.Located located = locate(resolve(target));
        CheckpointId id = located.checkpoint().id();
        List<Warning> missing = new ArrayList<>();
        for (StoredSession session : located.checkpoint().sessions()) {
            SessionId sessionId = session.metadata().sessionId();
            if (!session.hasTranscript()) {
                missing.add(Warning.aboutCheckpoint(id, "checkpoint " + id + ": session slot " + session.slot() + " ("
                        + sessionId + ") has no raw transcript (full.jsonl is missing)").withSessionId(sessionId));
                continue;
            }
            try {
                located.store().copyTranscript(located.checkpoint(), session, out);
            } catch (MissingObjectException e) {
                missing.add(Warning.aboutCheckpoint(id, "checkpoint " + id + ": the raw transcript of session slot "
                        + session.slot() + " (" + sessionId + ") is missing from this repository (object "
                        + e.object() + "; a partial clone that could not fetch it)").withSessionId(sessionId));
            }
        }
        if (located.checkpoint().sessions().isEmpty()) {
            missing.add(Warning.aboutCheckpoint(id, "checkpoint " + id + " has no sessions, so no raw transcript"));
        }
        return missing;
    }

    /**
     * The resolved checkpoint, read once: already found while resolving, or looked up now; for a commit, the first of
     * its linked checkpoints that is stored.
     */
    private StoreSet.Located locate(Target target) {
        if (target.found().isPresent()) {
            return target.found().get();
        }
        for (CheckpointId id : target.checkpoints()) {
            Optional<StoreSet.Located> located = stores.find(id);
            if (located.isPresent()) {
                return located.get();
            }
        }
        String fetch = " git fetch origin entire/checkpoints/v1:entire/checkpoints/v1";
        throw new NotFoundException(target.checkpoints().size() == 1 ? "checkpoint " + target.checkpoints().get(0)
                + " is linked but not in the local checkpoint store; fetch it with:" + fetch
                : "none of the checkpoints " + target.checkpoints() + " is in the local checkpoint store;"
                + " fetch them with:" + fetch);
    }

    private SessionExplanation explainSession(CheckpointStore store, StoredCheckpoint checkpoint,
            StoredSession session) {
        List<String> prompts = store.readText(session, CheckpointTree.PROMPT)
                .map(text -> List.of(text.split(Pattern.quote(CheckpointTree.PROMPT_SEPARATOR))))
                .orElse(List.of());
        return new SessionExplanation(session.slot(), session.metadata().sessionId(), session.metadata().agent(),
                session.metadata().model(), session.metadata().createdAt(), prompts, session.metadata().tokenUsage(),
                session.metadata().filesTouched(), checkHash(store, checkpoint, session),
                GeneratedSummary.from(session.metadata().source()));
    }

    /**
     * The conversation of each session of a stored checkpoint, in slot order: its compact transcript as stored, or
     * built from the raw one by the agent that recorded it.
     *
     * @throws NotFoundException when no store holds the checkpoint
     */
    public List<Conversation> conversations(CheckpointId id) {
        StoreSet.Located located = stores.find(id).orElseThrow(() -> new NotFoundException("no checkpoint " + id
                + " in this repository; 'entire checkpoint list' shows the ids"));
        List<Conversation> conversations = new ArrayList<>();
        for (StoredSession session : located.checkpoint().sessions()) {
            conversations.add(conversation(located.store(), located.checkpoint(), session));
        }
        return conversations;
    }

    private static Conversation conversation(CheckpointStore store, StoredCheckpoint checkpoint,
            StoredSession session) {
        Optional<String> agentName = session.metadata().agent();
        // Metadata the Go tool wrote before it recorded other agents names none: those sessions are Claude Code's.
        Optional<Agent> agent = agentName.isEmpty() ? Agents.find(Agents.DEFAULT_SLUG)
                : Agents.findByDisplayName(agentName.get());
        SessionId sessionId = session.metadata().sessionId();
        boolean compact = session.file(CheckpointTree.COMPACT_TRANSCRIPT).isPresent();
        if (!compact && (agent.isEmpty() || !session.hasTranscript())) {
            String why = agent.isEmpty() ? "this version cannot read the transcripts of " + agentName.get()
                    : "no transcript is stored for this session";
            return new Conversation(session.slot(), sessionId, agentName, List.of(), Optional.of(why));
        }
        // A stored compact transcript is read without its agent: an external agent's binary may not be on this PATH.
        Optional<TranscriptFormat> format = agent.map(Agent::transcriptFormat);
        ConversationReader reader = new ConversationReader(format.isPresent() ? format.get()::toolCallFiles
                : TranscriptFormat::namedFiles);
        try (JsonLineSink sink = reader.sink()) {
            if (compact) {
                byte[] stored = store.readText(session, CheckpointTree.COMPACT_TRANSCRIPT).orElseThrow()
                        .getBytes(StandardCharsets.UTF_8);
                sink.write(stored, 0, stored.length);
            } else {
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                store.copyTranscript(checkpoint, session, raw);
                format.orElseThrow().writeCompact(new ByteArrayInputStream(raw.toByteArray()), sink, "");
            }
        }
        List<ConversationTurn> turns = reader.turns();
        return new Conversation(session.slot(), sessionId, agentName, turns, turns.isEmpty()
                ? Optional.of("the stored transcript holds no prompt or reply this version can read")
                : Optional.empty());
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
        try {
            store.copyTranscript(checkpoint, session, sha256.stream());
        } catch (MissingObjectException e) {
            return HashCheck.MISSING;
        }
        String actual = sha256.contentHash();
        return actual.equals(expected.get()) ? HashCheck.MATCH : HashCheck.MISMATCH;
    }

    /** The commits the trailers link, then those the sessions record ({@code linked_commit}) that git still has. */
    private List<LinkedCommit> withRecorded(List<LinkedCommit> byTrailer, StoredCheckpoint checkpoint) {
        Set<ObjectId> recorded = new LinkedHashSet<>();
        for (StoredSession session : checkpoint.sessions()) {
            session.metadata().linkedCommit().map(ObjectId::of).ifPresent(recorded::add);
        }
        byTrailer.forEach(commit -> recorded.remove(commit.id()));
        recorded.removeIf(commit -> repository.findCommit(commit.hex()).isEmpty());
        if (recorded.isEmpty()) {
            return byTrailer;
        }
        List<LinkedCommit> commits = new ArrayList<>(byTrailer);
        for (CommitInfo commit : repository.commits(recorded)) {
            commits.add(new LinkedCommit(commit.id(), commit.message().lines().findFirst().orElse("")));
        }
        return commits;
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
     * A resolved explain target: the checkpoints it names (a commit may link several), and the first of them when
     * resolving already read it.
     */
    private record Target(List<CheckpointId> checkpoints, Optional<StoreSet.Located> found) {
        Target {
            checkpoints = List.copyOf(checkpoints);
            if (checkpoints.isEmpty()) {
                throw new IllegalArgumentException("an explain target names at least one checkpoint");
            }
            requireNonNull(found, "found is null");
        }
    }
}
