package io.entire.core.session;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.Agent;
import io.entire.core.agent.LineMark;
import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import io.entire.core.redact.Redactor;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Entire knows about one agent session between hooks. {@code transcriptStart} is the transcript line where the
 * next checkpoint's slice begins, {@code turn} where the running (or last) turn began; {@code prompts} are the
 * prompts since the last checkpoint; {@code steps} the turns that changed files since then.
 * {@code pendingCheckpoint} is the id prepare-commit-msg put into a commit message for this session, which
 * post-commit condenses; {@code finalization} a checkpoint written mid-turn that stop completes.
 */
public record SessionState(SessionId sessionId, Agent agent, SessionPhase phase, Path worktree, String worktreeId,
        ObjectId baseCommit, Optional<Path> transcript, String firstPrompt, Instant startedAt, Instant updatedAt,
        long transcriptStart, Turn turn, List<String> prompts, List<Step> steps, List<String> untrackedAtStart,
        Optional<CheckpointId> pendingCheckpoint, Optional<CheckpointId> lastCheckpoint,
        Optional<Finalization> finalization) {
    public SessionState {
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(agent, "agent is null");
        requireNonNull(phase, "phase is null");
        requireNonNull(worktree, "worktree is null");
        requireNonNull(worktreeId, "worktreeId is null");
        requireNonNull(baseCommit, "baseCommit is null");
        requireNonNull(transcript, "transcript is null");
        requireNonNull(firstPrompt, "firstPrompt is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
        requireNonNull(turn, "turn is null");
        if (transcriptStart < 0) {
            throw new IllegalArgumentException("session " + sessionId + ": negative transcript offset");
        }
        prompts = List.copyOf(prompts);
        steps = List.copyOf(steps);
        untrackedAtStart = List.copyOf(untrackedAtStart);
        requireNonNull(pendingCheckpoint, "pendingCheckpoint is null");
        requireNonNull(lastCheckpoint, "lastCheckpoint is null");
        requireNonNull(finalization, "finalization is null");
    }

    /** A new session, between turns, based on {@code baseCommit}. */
    public static SessionState start(SessionId sessionId, Agent agent, Path worktree, String worktreeId,
            ObjectId baseCommit, Optional<Path> transcript, List<String> untrackedAtStart, Instant now) {
        return new SessionState(sessionId, agent, SessionPhase.IDLE, worktree, worktreeId, baseCommit, transcript, "",
                now, now, 0, new Turn(0, now), List.of(), List.of(), untrackedAtStart, Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** A turn begins at transcript line {@code transcriptLines}; the prompt joins those since the last checkpoint. */
    public SessionState startTurn(Optional<String> prompt, long transcriptLines, Optional<Path> transcriptPath,
            Instant now) {
        List<String> allPrompts = new ArrayList<>(prompts);
        if (prompt.isPresent() && !prompt.get().isBlank()) {
            allPrompts.add(prompt.get());
        }
        String first = firstPrompt.isEmpty() ? prompt.orElse("") : firstPrompt;
        return new SessionState(sessionId, agent, SessionPhase.ACTIVE, worktree, worktreeId, baseCommit,
                transcriptPath.isPresent() ? transcriptPath : transcript, first, startedAt, now, transcriptStart,
                new Turn(transcriptLines, now), allPrompts, steps, untrackedAtStart, pendingCheckpoint, lastCheckpoint,
                finalization);
    }

    /** The running turn, with the mark after the transcript's last complete line when it began. */
    public SessionState withTurnMark(LineMark mark) {
        return new SessionState(sessionId, agent, phase, worktree, worktreeId, baseCommit, transcript, firstPrompt,
                startedAt, updatedAt, transcriptStart, new Turn(turn.transcriptStart(), turn.startedAt(),
                Optional.of(mark)), prompts, steps, untrackedAtStart, pendingCheckpoint, lastCheckpoint, finalization);
    }

    /**
     * A session that ended with all its work committed and is now resumed ({@code --resume}): a new start on
     * {@code fresh}'s base and files, keeping only where its next checkpoint's slice begins and its last checkpoint.
     */
    public SessionState resumedAs(SessionState fresh) {
        return new SessionState(sessionId, agent, fresh.phase, fresh.worktree, fresh.worktreeId, fresh.baseCommit,
                fresh.transcript.or(() -> transcript), firstPrompt, startedAt, fresh.updatedAt, transcriptStart,
                fresh.turn, List.of(), List.of(), fresh.untrackedAtStart, Optional.empty(), lastCheckpoint,
                Optional.empty());
    }

    /** Whether the session is over and nothing of it waits for a commit or a finalization. */
    public boolean isDone() {
        return phase == SessionPhase.ENDED && steps.isEmpty() && finalization.isEmpty();
    }

    /**
     * Whether the session is between turns with nothing of it waiting (no step, no checkpoint pending, nothing to
     * finalize): a commit concerns it only by moving it onto the new HEAD.
     */
    public boolean isQuiet() {
        return phase == SessionPhase.IDLE && steps.isEmpty() && pendingCheckpoint.isEmpty() && finalization.isEmpty();
    }

    /** A checkpoint now holds the transcript up to {@code transcriptLines}: the next slice starts there. */
    public SessionState condensedUpTo(long transcriptLines) {
        return new SessionState(sessionId, agent, phase, worktree, worktreeId, baseCommit, transcript, firstPrompt,
                startedAt, updatedAt, transcriptLines, turn, prompts, steps, untrackedAtStart, pendingCheckpoint,
                lastCheckpoint, finalization);
    }

    /** The turn is over; a turn that changed files adds its step, and a pending finalization is done. */
    public SessionState endTurn(Optional<Step> step, Optional<Path> transcriptPath, Instant now) {
        List<Step> allSteps = new ArrayList<>(steps);
        step.ifPresent(allSteps::add);
        return new SessionState(sessionId, agent, SessionPhase.IDLE, worktree, worktreeId, baseCommit,
                transcriptPath.or(() -> transcript), firstPrompt, startedAt, now, transcriptStart, turn, prompts,
                allSteps, untrackedAtStart, pendingCheckpoint, lastCheckpoint, Optional.empty());
    }

    /**
     * The session is over; no turn will stop, so no finalization is owed any more (SessionEnd pays it first, or logs
     * why it could not).
     */
    public SessionState ended(Instant now) {
        return new SessionState(sessionId, agent, SessionPhase.ENDED, worktree, worktreeId, baseCommit, transcript,
                firstPrompt, startedAt, now, transcriptStart, turn, prompts, steps, untrackedAtStart,
                pendingCheckpoint, lastCheckpoint, Optional.empty());
    }

    public SessionState withPendingCheckpoint(Optional<CheckpointId> checkpoint, Instant now) {
        return new SessionState(sessionId, agent, phase, worktree, worktreeId, baseCommit, transcript, firstPrompt,
                startedAt, now, transcriptStart, turn, prompts, steps, untrackedAtStart, checkpoint,
                lastCheckpoint, finalization);
    }

    /**
     * After its work went into checkpoint {@code checkpoint}: the next slice starts at {@code transcriptLines}, the
     * steps are only what was carried forward onto {@code newBase} (their prompts stay the session's), and a running
     * turn owes a finalization.
     */
    public SessionState condensed(CheckpointId checkpoint, long transcriptLines, ObjectId newBase,
            List<Step> carriedForward, Optional<Finalization> owed, Instant now) {
        return new SessionState(sessionId, agent, phase, worktree, worktreeId, newBase, transcript, firstPrompt,
                startedAt, now, transcriptLines, turn, promptsOf(carriedForward), carriedForward, untrackedAtStart,
                Optional.empty(), Optional.of(checkpoint), owed);
    }

    /**
     * After its work up to {@code transcriptLines} went into checkpoint {@code checkpoint} of a commit HEAD has moved
     * past since (a retry that finally wrote it): the next slice starts there; its base, steps, pending link and
     * finalization stay as the later commits left them.
     */
    public SessionState writtenLateInto(CheckpointId checkpoint, long transcriptLines, Instant now) {
        return new SessionState(sessionId, agent, phase, worktree, worktreeId, baseCommit, transcript, firstPrompt,
                startedAt, now, transcriptLines, turn, promptsOf(steps), steps, untrackedAtStart, pendingCheckpoint,
                Optional.of(checkpoint), finalization);
    }

    /** The prompts of {@code steps}, each once, oldest first: what a checkpoint has not taken yet. */
    private static List<String> promptsOf(List<Step> steps) {
        List<String> prompts = new ArrayList<>();
        steps.forEach(step -> step.prompts().stream().filter(prompt -> !prompts.contains(prompt))
                .forEach(prompts::add));
        return prompts;
    }

    /** The same work, now based on {@code newBase} (HEAD moved by a commit that did not take it). */
    public SessionState rebased(ObjectId newBase, List<Step> carriedForward, Instant now) {
        return new SessionState(sessionId, agent, phase, worktree, worktreeId, newBase, transcript, firstPrompt,
                startedAt, now, transcriptStart, turn, prompts, carriedForward, untrackedAtStart,
                pendingCheckpoint, lastCheckpoint, finalization);
    }

    /** The same state with the transcript path as last reported. */
    public SessionState withTranscript(Optional<Path> path) {
        Optional<Path> next = path.or(() -> transcript);
        // The turn's mark was found in the transcript the turn began with; in another file it means nothing.
        Turn sameTurn = next.equals(transcript) ? turn : new Turn(turn.transcriptStart(), turn.startedAt());
        return new SessionState(sessionId, agent, phase, worktree, worktreeId, baseCommit, next, firstPrompt,
                startedAt, updatedAt, transcriptStart, sameTurn, prompts, steps, untrackedAtStart, pendingCheckpoint,
                lastCheckpoint, finalization);
    }

    /** The same state with every prompt (the first, the pending ones, the steps' and the finalization's) redacted. */
    public SessionState redacted(Redactor redactor) {
        List<Step> redactedSteps = new ArrayList<>(steps.size());
        for (Step step : steps) {
            redactedSteps.add(step.withPrompts(redactAll(redactor, step.prompts())));
        }
        Optional<Finalization> redactedFinalization = finalization.isPresent()
                ? Optional.of(finalization.get().withPrompts(redactAll(redactor, finalization.get().prompts())))
                : Optional.empty();
        return new SessionState(sessionId, agent, phase, worktree, worktreeId, baseCommit, transcript,
                redactor.redactText(firstPrompt), startedAt, updatedAt, transcriptStart, turn,
                redactAll(redactor, prompts), redactedSteps, untrackedAtStart, pendingCheckpoint, lastCheckpoint,
                redactedFinalization);
    }

    private static List<String> redactAll(Redactor redactor, List<String> texts) {
        List<String> redacted = new ArrayList<>(texts.size());
        for (String text : texts) {
            redacted.add(redactor.redactText(text));
        }
        return redacted;
    }

    /** Each file the steps touched, as the latest step left it. */
    public Map<String, FileSnapshot> files() {
        Map<String, FileSnapshot> files = new LinkedHashMap<>();
        for (Step step : steps) {
            for (FileSnapshot file : step.files()) {
                files.remove(file.path());
                files.put(file.path(), file);
            }
        }
        return files;
    }

    public boolean isActive() {
        return phase == SessionPhase.ACTIVE;
    }
}
