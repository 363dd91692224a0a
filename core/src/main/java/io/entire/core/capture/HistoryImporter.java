package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.Environment;
import io.entire.core.Log;
import io.entire.core.Progress;
import io.entire.core.Warning;
import io.entire.core.agent.TranscriptFormat;
import io.entire.core.attribution.InitialAttributionCalculator;
import io.entire.core.git.CommitDiff;
import io.entire.core.git.CommitHistory;
import io.entire.core.git.CommitInfo;
import io.entire.core.git.GitRepository;
import io.entire.core.git.ObjectId;
import io.entire.core.git.RefUpdateResult;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import io.entire.core.model.SessionMetadata;
import io.entire.core.redact.RedactionRules;
import io.entire.core.store.CommitLinks;
import io.entire.core.store.SessionContent;
import io.entire.core.store.StoreSet;
import io.entire.core.store.StoreSetWrite;
import io.entire.core.store.WriteKind;
import io.entire.core.trailers.Trailers;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Imports the sessions agents recorded in the work tree before Entire was enabled: each session matched to commits
 * ({@link PastSessionMatcher}) is stored, redacted, in a new checkpoint per commit that records the commit
 * ({@code linked_commit}) instead of rewriting it; explain and blame find the checkpoint through that record. Only
 * {@link ImportMode#RECORD_AND_LINK} rewrites history, and only commits no remote has.
 */
public final class HistoryImporter {
    private static final System.Logger LOG = Log.of(HistoryImporter.class);

    private final GitRepository repository;
    private final StoreSet stores;
    private final String cliVersion;
    private final RedactionRules redaction;
    private final Environment environment;

    public HistoryImporter(GitRepository repository, StoreSet stores, String cliVersion, RedactionRules redaction,
            Environment environment) {
        this.repository = requireNonNull(repository, "repository is null");
        this.stores = requireNonNull(stores, "stores is null");
        this.cliVersion = requireNonNull(cliVersion, "cliVersion is null");
        this.redaction = requireNonNull(redaction, "redaction is null");
        this.environment = requireNonNull(environment, "environment is null");
    }

    /**
     * Matches every past session, then (unless a dry run) writes a checkpoint per matched commit; a transcript
     * with unreadable lines stops the import before anything is written.
     */
    public ImportResult run(ImportRequest request, ImportMode mode, Progress progress) {
        CommitLinks links = new CommitLinks(repository, stores);
        List<PastSessionMatch> sessions = new PastSessionMatcher(repository, stores, links, environment)
                .match(request, progress);
        if (mode == ImportMode.DRY_RUN) {
            return ImportResult.planned(sessions);
        }
        List<Warning> warnings = new ArrayList<>();
        List<ImportedCheckpoint> written = write(sessions, links, warnings, progress);
        if (mode == ImportMode.RECORD) {
            return new ImportResult(sessions, written, List.of(), List.of(), warnings);
        }
        return link(sessions, written, warnings);
    }

    /**
     * A checkpoint per matched commit, holding its sessions; a commit an earlier (interrupted) import linked already
     * gets the sessions it lacks added to that checkpoint, so a rerun ends as one uninterrupted import would have.
     */
    private List<ImportedCheckpoint> write(List<PastSessionMatch> sessions, CommitLinks links, List<Warning> warnings,
            Progress progress) {
        Map<ObjectId, List<PastSessionMatch>> byCommit = new LinkedHashMap<>();
        for (ObjectId commit : bySession(sessions)) {
            byCommit.put(commit, sessions.stream().filter(session -> session.commits().contains(commit)).toList());
        }
        int total = byCommit.values().stream().mapToInt(List::size).sum();
        int done = 0;
        List<ImportedCheckpoint> written = new ArrayList<>();
        for (Map.Entry<ObjectId, List<PastSessionMatch>> entry : byCommit.entrySet()) {
            CommitInfo commit = repository.commits(List.of(entry.getKey())).get(0);
            CheckpointId id = links.of(commit.id(), commit.message()).stream().findFirst()
                    .orElseGet(() -> stores.newCheckpointId(environment.clock(), environment.random()));
            List<SessionId> stored = new ArrayList<>();
            for (PastSessionMatch session : entry.getValue()) {
                progress.update(done++, total);
                StoreSetWrite write = store(id, commit, session);
                warnings.addAll(write.mirrorWarnings());
                stored.add(session.sessionId());
            }
            written.add(new ImportedCheckpoint(commit.id(), id, stored));
        }
        progress.update(total, total);
        return written;
    }

    /** The matched commits, each once: by session, oldest session first, each session's commits oldest first. */
    private static List<ObjectId> bySession(List<PastSessionMatch> sessions) {
        Set<ObjectId> commits = new LinkedHashSet<>();
        sessions.forEach(session -> commits.addAll(session.commits()));
        return List.copyOf(commits);
    }

    private StoreSetWrite store(CheckpointId id, CommitInfo commit, PastSessionMatch session) {
        TranscriptFormat format = session.agent().transcriptFormat();
        try (PreparedTranscript prepared = PreparedTranscript.prepare(format, Optional.of(session.transcript()),
                format.position(0), repository.commonDir().resolve("entire-tmp"), repository.workTree(), cliVersion,
                redaction)) {
            SessionMetadata metadata = SessionMetadata.create(cliVersion, id, session.sessionId(),
                    environment.clock().instant(), Optional.empty(), prepared.analysis().filesTouched(),
                    Optional.of(session.agent().displayName()), prepared.analysis().model(), 0,
                    prepared.analysis().tokenUsage()).withLinkedCommit(commit.id().hex());
            return stores.write(id, new SessionContent(attributed(metadata, session, commit, prepared),
                    prepared.redacted(), Optional.of(prepared.compact()), prepared.analysis().prompts()),
                    WriteKind.CHECKPOINT);
        }
    }

    /** The metadata with who wrote the lines the commit added; without it when that cannot be worked out. */
    private SessionMetadata attributed(SessionMetadata metadata, PastSessionMatch session, CommitInfo commit,
            PreparedTranscript prepared) {
        try {
            return new InitialAttributionCalculator(CommitDiff.of(repository, commit.id()), commit.tree())
                    .forSession(session.agent().transcriptFormat(), prepared.redacted(), metadata.checkpointId(),
                            session.sessionId(), environment.clock().instant())
                    .map(metadata::withInitialAttribution).orElse(metadata);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "checkpoint " + metadata.checkpointId() + ": session " + session.sessionId()
                    + " stored without line attribution: " + e.getMessage());
            return metadata;
        }
    }

    /**
     * Adds the trailers of the checkpoints recorded for commits no remote-tracking ref reaches (this import's and an
     * earlier one's), rewording HEAD's unpushed history once; the matched commits a remote has are left alone.
     */
    private ImportResult link(List<PastSessionMatch> sessions, List<ImportedCheckpoint> written,
            List<Warning> warnings) {
        List<ObjectId> unpushed = new CommitHistory(repository).unpushed();
        Set<ObjectId> local = Set.copyOf(unpushed);
        Map<ObjectId, Set<CheckpointId>> toLink = new HashMap<>();
        stores.recordedLinks().forEach((commit, ids) -> {
            ObjectId id = ObjectId.of(commit);
            if (local.contains(id)) {
                toLink.put(id, ids);
            }
        });
        List<ObjectId> pushed = written.stream().map(ImportedCheckpoint::commit)
                .filter(commit -> !local.contains(commit)).toList();
        if (toLink.isEmpty()) {
            return new ImportResult(sessions, written, List.of(), pushed, warnings);
        }
        ObjectId head = unpushed.get(unpushed.size() - 1);
        RefUpdateResult result = repository.rewordCommits(head, unpushed, (commit, message) -> {
            String linked = message;
            for (CheckpointId id : toLink.getOrDefault(commit, Set.of())) {
                linked = Trailers.withCheckpoint(linked, id);
            }
            return linked;
        });
        switch (result) {
            case CREATED, UPDATED, UNCHANGED, DELETED -> {
                // the commits now carry their trailers
            }
            case REJECTED_STALE, LOCKED -> throw new CaptureException("HEAD moved while adding the trailers of the"
                    + " imported checkpoints; the checkpoints are stored and linked by record: rerun 'entire import"
                    + " --link' to add the trailers");
        }
        List<ObjectId> linked = unpushed.stream().filter(toLink::containsKey).toList();
        return new ImportResult(sessions, written, linked, pushed, warnings);
    }
}
