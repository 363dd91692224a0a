package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.Environment;
import io.entire.core.Progress;
import io.entire.core.agent.Agent;
import io.entire.core.agent.PastSession;
import io.entire.core.agent.TranscriptAnalysis;
import io.entire.core.agent.TranscriptFormat;
import io.entire.core.git.CommitHistory;
import io.entire.core.git.GitRepository;
import io.entire.core.git.HistoryCommit;
import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import io.entire.core.model.Timestamps;
import io.entire.core.store.CommitLinks;
import io.entire.core.store.StoreSet;
import io.entire.core.store.StoredSession;
import io.entire.core.trailers.Trailers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Finds the sessions agents recorded in the work tree and matches each to the commits made while it ran: a commit
 * written or committed between the session's first and last message (give or take {@link #GRACE}) that changed a file
 * the session wrote. Merges and commits a trailer links are left out, and so is each commit an earlier import linked
 * to a checkpoint that holds the session already, so that a rerun after an interrupted import matches exactly what it
 * missed; sessions a checkpoint holds already are reported, not matched.
 */
final class PastSessionMatcher {
    /** A commit made a little before the first message (a session resumed) or after the last (review) still counts. */
    static final Duration GRACE = Duration.ofMinutes(15);

    private final GitRepository repository;
    private final StoreSet stores;
    private final CommitLinks links;
    private final Environment environment;
    private final Map<CheckpointId, Set<SessionId>> sessionsIn = new HashMap<>();

    PastSessionMatcher(GitRepository repository, StoreSet stores, CommitLinks links, Environment environment) {
        this.repository = requireNonNull(repository, "repository is null");
        this.stores = requireNonNull(stores, "stores is null");
        this.links = requireNonNull(links, "links is null");
        this.environment = requireNonNull(environment, "environment is null");
    }

    /** Every past session of the request's agents, oldest first, with its matches; writes nothing. */
    List<PastSessionMatch> match(ImportRequest request, Progress progress) {
        List<Analyzed> analyzed = analyze(request, progress);
        Optional<Instant> earliest = analyzed.stream().flatMap(session -> session.start().stream())
                .min(Comparator.naturalOrder());
        List<HistoryCommit> candidates = new ArrayList<>(earliest.isEmpty() ? List.of()
                : unlinked(new CommitHistory(repository).since(earliest.get().minus(GRACE))));
        // git lists them newest first; a session's matches are listed oldest first.
        Collections.reverse(candidates);
        Map<ObjectId, Set<String>> changed = new HashMap<>();
        CommitHistory history = new CommitHistory(repository);
        List<PastSessionMatch> matches = new ArrayList<>();
        for (Analyzed session : analyzed) {
            matches.add(match(session, candidates, id -> changed.computeIfAbsent(id,
                    commit -> Set.copyOf(history.changedPaths(commit)))));
        }
        return matches;
    }

    private PastSessionMatch match(Analyzed session, List<HistoryCommit> candidates,
            Function<ObjectId, Set<String>> changedPaths) {
        Optional<CheckpointId> stored = storedIn(session);
        if (stored.isPresent()) {
            return session.result(List.of(), PastSessionMatch.Status.ALREADY_STORED, stored);
        }
        if (session.start().isEmpty() || session.end().isEmpty()) {
            return session.result(List.of(), PastSessionMatch.Status.UNDATED, Optional.empty());
        }
        Instant from = session.start().get().minus(GRACE);
        Instant to = session.end().get().plus(GRACE);
        List<ObjectId> commits = new ArrayList<>();
        Optional<CheckpointId> imported = Optional.empty();
        for (HistoryCommit commit : candidates) {
            boolean ranThen = within(commit.authoredAt(), from, to) || within(commit.committedAt(), from, to);
            if (ranThen && session.files().stream().anyMatch(changedPaths.apply(commit.id())::contains)) {
                Optional<CheckpointId> holding = importedWith(commit, session.found().session().sessionId());
                if (holding.isPresent()) {
                    imported = imported.or(() -> holding);
                } else {
                    commits.add(commit.id());
                }
            }
        }
        if (commits.isEmpty() && imported.isPresent()) {
            return session.result(commits, PastSessionMatch.Status.ALREADY_STORED, imported);
        }
        return session.result(commits, commits.isEmpty() ? PastSessionMatch.Status.UNMATCHED
                : PastSessionMatch.Status.MATCHED, Optional.empty());
    }

    /** The checkpoint an earlier import linked to the commit that holds the session, if one does. */
    private Optional<CheckpointId> importedWith(HistoryCommit commit, SessionId session) {
        return links.of(commit.id(), commit.message()).stream()
                .filter(checkpoint -> sessionsIn.computeIfAbsent(checkpoint, this::sessionsOf).contains(session))
                .findFirst();
    }

    private Set<SessionId> sessionsOf(CheckpointId checkpoint) {
        return stores.find(checkpoint).map(located -> located.checkpoint().sessions().stream()
                .map(stored -> stored.metadata().sessionId()).collect(Collectors.toSet())).orElse(Set.of());
    }

    private static boolean within(Instant time, Instant from, Instant to) {
        return !time.isBefore(from) && !time.isAfter(to);
    }

    /**
     * The checkpoint that holds the session already, when the hooks or {@code attach} stored it there; a checkpoint an
     * earlier import wrote does not count, so that a rerun after an interrupted one matches the commits it missed.
     */
    private Optional<CheckpointId> storedIn(Analyzed session) {
        SessionId id = session.found().session().sessionId();
        return stores.findLatestForSession(id).filter(checkpoint -> stores.find(checkpoint)
                .flatMap(located -> located.checkpoint().session(id))
                .map(StoredSession::metadata).filter(metadata -> metadata.linkedCommit().isEmpty()).isPresent());
    }

    /** The commits the hooks did not link (no merge, no trailer); those an import linked stay, for other sessions. */
    private static List<HistoryCommit> unlinked(List<HistoryCommit> commits) {
        return commits.stream().filter(commit -> commit.parentCount() <= 1
                && Trailers.checkpointIds(commit.message()).isEmpty()).toList();
    }

    private List<Analyzed> analyze(ImportRequest request, Progress progress) {
        List<Found> found = new ArrayList<>();
        for (Agent agent : request.agents()) {
            agent.transcriptLocator().pastSessions(repository.workTree(), environment)
                    .forEach(session -> found.add(new Found(agent, session)));
        }
        List<Analyzed> analyzed = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            progress.update(i, found.size());
            Found session = found.get(i);
            TranscriptFormat format = session.agent().transcriptFormat();
            TranscriptAnalysis analysis = format.analyze(session.session().transcript(), format.position(0),
                    repository.workTree());
            if (analysis.skippedLines() > 0) {
                throw new TranscriptUnreadableException(session.session().transcript(), analysis.skippedLines());
            }
            Optional<Instant> start = analysis.firstTimestamp().flatMap(Timestamps::parse);
            Optional<Instant> end = analysis.lastTimestamp().flatMap(Timestamps::parse);
            if (request.since().isEmpty() || end.isEmpty() || !end.get().isBefore(request.since().get())) {
                analyzed.add(new Analyzed(session, start, end, analysis.filesTouched()));
            }
        }
        progress.update(found.size(), found.size());
        analyzed.sort(Comparator.comparing((Analyzed session) -> session.start().orElse(Instant.MAX))
                .thenComparing(session -> session.found().session().sessionId()));
        return analyzed;
    }

    private record Found(Agent agent, PastSession session) {
    }

    private record Analyzed(Found found, Optional<Instant> start, Optional<Instant> end, List<String> files) {
        PastSessionMatch result(List<ObjectId> commits, PastSessionMatch.Status status,
                Optional<CheckpointId> storedIn) {
            return new PastSessionMatch(found.agent(), found.session().sessionId(), found.session().transcript(),
                    start, end, files, commits, status, storedIn);
        }
    }
}
