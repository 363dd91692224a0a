package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.Background;
import io.entire.core.Log;
import io.entire.core.agent.TranscriptFormat;
import io.entire.core.attribution.InitialAttributionCalculator;
import io.entire.core.git.GitRepository;
import io.entire.core.git.RefName;
import io.entire.core.id.CheckpointId;
import io.entire.core.json.JsonObject;
import io.entire.core.model.SessionMetadata;
import io.entire.core.redact.Redactor;
import io.entire.core.session.SessionState;
import io.entire.core.session.SessionStore;
import io.entire.core.store.SessionContent;
import io.entire.core.store.StoreSet;
import io.entire.core.store.StoreSetWrite;
import io.entire.core.store.TranscriptChunks;
import io.entire.core.store.WriteKind;
import io.entire.core.store.shadow.ShadowBranch;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Writes one session's slice of work into a checkpoint through the configured stores: the whole transcript redacted,
 * {@code checkpoint_transcript_start} marking where this checkpoint's part begins, the compact transcript, prompts,
 * tokens and model of that part, and the files given.
 */
final class SessionCheckpointWriter {
    private static final System.Logger LOG = Log.of(SessionCheckpointWriter.class);

    private final GitRepository repository;
    private final CaptureSettings settings;

    SessionCheckpointWriter(GitRepository repository, CaptureSettings settings) {
        this.repository = requireNonNull(repository, "repository is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    /**
     * What was written, the files and prompts it names, and where the transcript ended (where the next part starts),
     * in the agent's {@link io.entire.core.agent.TranscriptPosition.Unit}.
     */
    record Written(StoreSetWrite write, long transcriptEnd, List<String> files, List<String> prompts) {
        Written {
            requireNonNull(write, "write is null");
            files = List.copyOf(files);
            prompts = List.copyOf(prompts);
        }
    }

    /**
     * @param files the files the checkpoint names, asked for once the transcript is prepared: a caller may still be
     *              reading them from git meanwhile
     * @param prompts the prompts recorded by the hooks; when there are none, the typed prompts of the slice
     * @param attribution for a write for a commit, what judges who wrote the lines it added, asked for once the
     *                    transcript is prepared
     */
    Written write(StoreSet stores, CheckpointId id, SessionState session, long transcriptStart,
            Supplier<List<String>> files, List<String> prompts, long checkpointsCount, WriteKind kind,
            Supplier<Optional<InitialAttributionCalculator>> attribution) {
        // The branch name and whether commits are signed come from git processes of their own, which run while the
        // transcript is prepared.
        Background<Optional<RefName>> branch = Background.start("current-branch", repository::currentBranch);
        stores.gitWorkers().writer().expectCommits();
        Path scratch = repository.commonDir().resolve("entire-tmp");
        TranscriptFormat format = session.agent().transcriptFormat();
        TranscriptChunks chunks = stores.transcriptChunks();
        // The redacted transcript of the session's last checkpoint, kept under the session's lock (which the caller
        // holds): only what the transcript gained since is redacted and stored.
        RedactionCache cache = new RedactionCache(repository.commonDir().resolve(SessionStore.DIRECTORY),
                session.sessionId(), stores.gitWorkers(),
                RedactionCache.key(settings.cliVersion(), settings.redaction(), chunks));
        try (PreparedTranscript transcript = PreparedTranscript.prepare(format, session.transcript(),
                format.position(transcriptStart), scratch, repository.workTree(), settings.cliVersion(),
                settings.redaction(), cache, chunks, stores.gitWorkers().writer());
                PreparedSubagents subagents = PreparedSubagents.prepare(session.sessionId(), format,
                        transcript.subagents(), scratch, repository.workTree(), settings.redaction())) {
            Redactor redactor = new Redactor(settings.redaction());
            List<String> stored = prompts.isEmpty() ? transcript.analysis().prompts()
                    : prompts.stream().map(redactor::redactText).toList();
            List<String> named = files.get();
            SessionMetadata metadata = new SessionMetadata(Optional.of(settings.cliVersion()), id,
                    session.sessionId(), "manual-commit", settings.clock().instant(),
                    branch.join().map(RefName::shortName), Math.max(1, checkpointsCount), named,
                    Optional.of(session.agent().displayName()), transcript.analysis().model(), Optional.empty(),
                    false, Optional.empty(), Optional.empty(), transcriptStart, 0,
                    Optional.of(subagents.addTo(transcript.analysis().tokenUsage())), Optional.empty(),
                    Optional.empty(), JsonObject.EMPTY);
            SessionMetadata unattributed = metadata;
            // Attribution reads the transcript's writes: it runs while git may still write the transcript's chunks.
            Background<Attributed> withAttribution = Background.start("attribution",
                    () -> attributed(unattributed, attribution, session, transcript));
            Optional<TranscriptChunks.Written> chunked;
            Attributed attributed;
            try {
                chunked = transcript.chunks();
            } finally {
                attributed = withAttribution.join();   // before the files it reads can go
            }
            metadata = attributed.metadata();
            StoreSetWrite written = stores.write(id, new SessionContent(metadata, transcript.redacted(),
                    Optional.of(transcript.compact()), stored, subagents.tasks(),
                    Optional.of(ShadowBranch.name(session.baseCommit(), session.worktreeId())), chunked), kind);
            chunked.ifPresent(parts -> transcript.keep(chunks, parts, attributed.writes()));
            return new Written(written, transcript.analysis().end().value(), named, stored);
        }
    }

    /** The metadata, attributed or not, and the writes read for it to keep with the transcript's prefix. */
    private record Attributed(SessionMetadata metadata, Optional<KeptWrites> writes) {
    }

    /** The metadata with the session's attribution; without it when it cannot be worked out (never lost work). */
    private Attributed attributed(SessionMetadata metadata,
            Supplier<Optional<InitialAttributionCalculator>> attribution, SessionState session,
            PreparedTranscript transcript) {
        AtomicReference<Optional<KeptWrites>> read = new AtomicReference<>(Optional.empty());
        try {
            TranscriptFormat format = session.agent().transcriptFormat();
            Instant now = settings.clock().instant();
            Optional<SessionMetadata> attributed = attribution.get().flatMap(calculator -> {
                if (!format.writesReadOnFromPrefix()) {
                    return calculator.forSession(format, transcript.redacted(), metadata.checkpointId(),
                            session.sessionId(), now);
                }
                return Optional.of(calculator.forSession(() -> {
                    PreparedTranscript.Writes writes = transcript.recordedWrites();
                    read.set(writes.toKeep());
                    return writes.all();
                }, metadata.checkpointId(), session.sessionId(), now));
            }).map(metadata::withInitialAttribution);
            return new Attributed(attributed.orElse(metadata), read.get());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "checkpoint " + metadata.checkpointId() + ": session " + session.sessionId()
                    + " stored without line attribution: " + e.getMessage());
            return new Attributed(metadata, read.get());
        }
    }
}
