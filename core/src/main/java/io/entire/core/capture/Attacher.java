package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.Background;
import io.entire.core.Environment;
import io.entire.core.Log;
import io.entire.core.RandomSource;
import io.entire.core.agent.TranscriptAnalysis;
import io.entire.core.agent.TranscriptFormat;
import io.entire.core.agent.TranscriptLocator;
import io.entire.core.attribution.InitialAttributionCalculator;
import io.entire.core.git.CommitDiff;
import io.entire.core.git.CommitInfo;
import io.entire.core.git.GitRepository;
import io.entire.core.git.LoggedCommit;
import io.entire.core.git.ObjectId;
import io.entire.core.git.RefName;
import io.entire.core.git.RefUpdateResult;
import io.entire.core.id.CheckpointId;
import io.entire.core.model.SessionMetadata;
import io.entire.core.redact.RedactionRules;
import io.entire.core.store.SessionContent;
import io.entire.core.store.StoreSet;
import io.entire.core.store.StoreSetWrite;
import io.entire.core.store.WriteKind;
import io.entire.core.trailers.Trailers;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * Captures an agent session the hooks missed into a checkpoint linked to HEAD: finds the transcript, redacts it,
 * analyses it, writes it through the store, and reports whether HEAD still needs the trailer.
 */
public final class Attacher {
    private static final System.Logger LOG = Log.of(Attacher.class);

    private final GitRepository repository;
    private final StoreSet stores;
    private final InstantSource clock;
    private final RandomSource random;
    private final String cliVersion;
    private final Environment environment;
    private final RedactionRules redaction;

    /**
     * {@code environment} tells where the agent keeps transcripts, and gives new checkpoints their time and id;
     * {@code redaction} holds the project's redaction rules.
     */
    public Attacher(GitRepository repository, StoreSet stores, String cliVersion, RedactionRules redaction,
            Environment environment) {
        this.repository = requireNonNull(repository, "repository is null");
        this.redaction = requireNonNull(redaction, "redaction is null");
        this.stores = requireNonNull(stores, "stores is null");
        this.cliVersion = requireNonNull(cliVersion, "cliVersion is null");
        this.environment = requireNonNull(environment, "environment is null");
        this.clock = environment.clock();
        this.random = environment.random();
    }

    public AttachResult attach(AttachRequest request) {
        TranscriptLocator locator = request.agent().transcriptLocator();
        Path transcript = locator.find(request.sessionId(), repository.workTree(), environment)
                .orElseThrow(() -> new CaptureException("no " + request.agent().displayName()
                        + " transcript for session " + request.sessionId() + " in "
                        + locator.sessionDirectory(repository.workTree(), environment)
                        + " or the agent's other session folders; check the session id"));
        // HEAD, the checkpoint to write and the branch name come from git processes that run while the transcript is
        // prepared, the longest part of an attach.
        Background<Target> target = Background.start("attach-target", () -> target(request));
        Background<Optional<RefName>> branch = Background.start("current-branch", repository::currentBranch);
        TranscriptFormat format = request.agent().transcriptFormat();
        try (PreparedTranscript prepared = PreparedTranscript.prepare(format, Optional.of(transcript),
                format.position(0), repository.commonDir().resolve("entire-tmp"), repository.workTree(), cliVersion,
                redaction)) {
            Target found = target.join();
            TranscriptAnalysis analysis = prepared.analysis();
            if (analysis.lineCount() == analysis.skippedLines()) {
                throw new CaptureException("transcript " + transcript + " holds no readable lines ("
                        + analysis.skippedLines() + " malformed); nothing to attach");
            }
            CheckpointId id = found.checkpoint();
            SessionMetadata metadata = attributed(SessionMetadata.create(cliVersion, id, request.sessionId(),
                    clock.instant(), branch.join().map(RefName::shortName), analysis.filesTouched(),
                    Optional.of(request.agent().displayName()), analysis.model(), 0, analysis.tokenUsage()),
                    request, found.head(), prepared.redacted());
            StoreSetWrite written = stores.write(id, new SessionContent(metadata, prepared.redacted(),
                    Optional.of(prepared.compact()), analysis.prompts()), WriteKind.CHECKPOINT);
            if (analysis.skippedLines() > 0) {
                LOG.log(Level.WARNING, "checkpoint " + id + ": skipped " + analysis.skippedLines()
                        + " malformed transcript lines of " + transcript);
            }
            return new AttachResult(id, request.sessionId(), transcript, written.primary().slot(),
                    written.primary().changed(), written.mirrorWarnings(), found.head(),
                    found.headLinked(), analysis.turnCount(), analysis.model(), analysis.tokenUsage(),
                    analysis.filesTouched(), analysis.skippedLines(), prepared.redaction().secretsFound());
        } finally {
            target.awaitEnd();   // it reads the stores, which the caller closes once this returns or throws
        }
    }

    /** The metadata with who wrote the lines HEAD added; without it when that cannot be worked out. */
    private SessionMetadata attributed(SessionMetadata metadata, AttachRequest request, ObjectId head,
            Path transcript) {
        try {
            CommitInfo commit = repository.commits(List.of(head)).get(0);
            return new InitialAttributionCalculator(CommitDiff.of(repository, head), commit.tree())
                    .forSession(request.agent().transcriptFormat(), transcript, metadata.checkpointId(),
                            request.sessionId(), clock.instant())
                    .map(metadata::withInitialAttribution).orElse(metadata);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "checkpoint " + metadata.checkpointId() + ": session " + request.sessionId()
                    + " stored without line attribution: " + e.getMessage());
            return metadata;
        }
    }

    /**
     * Adds the checkpoint's trailer to HEAD's message, keeping its tree, author and staged changes; fails if HEAD
     * moved since {@code expectedHead}.
     */
    public void linkHead(CheckpointId id, ObjectId expectedHead) {
        RefUpdateResult result = repository.rewordHead(expectedHead, message -> Trailers.withCheckpoint(message, id));
        switch (result) {
            case CREATED, UPDATED, UNCHANGED, DELETED -> {
                // linked; the command says so (a debug log here started java.util.logging: 2-4 ms of an attach)
            }
            case REJECTED_STALE, LOCKED -> throw new CaptureException("HEAD moved while linking checkpoint " + id
                    + "; add the trailer by hand: git commit --amend --trailer \"" + Trailers.checkpointLine(id)
                    + "\"");
        }
    }

    /**
     * HEAD and the checkpoint to write: the one HEAD links to, else the one an earlier attach of this session wrote
     * but nobody linked yet, else a new one.
     */
    private Target target(AttachRequest request) {
        LoggedCommit head = repository.headCommit().orElseThrow(() -> new CaptureException(
                "the repository has no commits yet; commit the agent's work first, then attach the session to it"));
        List<CheckpointId> linked = Trailers.checkpointIds(head.message());
        if (!linked.isEmpty()) {
            return new Target(head.id(), linked.get(0), true);
        }
        Optional<CheckpointId> earlier = stores.findLatestForSession(request.sessionId()).filter(id -> repository
                .commitsMentioning(Trailers.checkpointLine(id), List.of(head.id().hex())).isEmpty());
        return new Target(head.id(), earlier.orElseGet(() -> stores.newCheckpointId(clock, random)), false);
    }

    /** Where an attach writes: HEAD, the checkpoint, and whether HEAD's message already links to it. */
    private record Target(ObjectId head, CheckpointId checkpoint, boolean headLinked) {
    }
}
