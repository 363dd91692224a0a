package io.entire.cli;

import io.entire.core.Diagnostics;
import io.entire.core.EntireException;
import io.entire.core.Environment;
import io.entire.core.Warning;
import io.entire.core.agent.Agent;
import io.entire.core.agent.Agents;
import io.entire.core.agent.InvalidHookPayloadException;
import io.entire.core.agent.LifecycleEvent;
import io.entire.core.agent.TranscriptAcceptance;
import io.entire.core.capture.SessionEndResult;
import io.entire.core.capture.SnapshotTiming;
import io.entire.core.capture.StopResult;
import io.entire.core.capture.TurnRecorder;
import io.entire.core.capture.TurnStart;
import io.entire.core.git.Git;
import io.entire.core.git.GitRepository;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import io.entire.core.redact.RedactionRules;
import io.entire.core.session.CommitUnderWay;
import io.entire.core.session.SessionStore;
import io.entire.core.workspace.Workspace;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An agent's hooks ({@code entire hooks <agent> <verb>}): the agent turns the JSON payload on stdin into a lifecycle
 * event, which becomes one call into capture; on stdout nothing but the agent's hook protocol. A payload that is
 * malformed or has no session id is logged and ignored; like the git hooks, these always exit 0 so the agent's turn
 * goes on.
 */
final class AgentHooks {
    private AgentHooks() {
    }

    static int run(String agentSlug, String verb, InputStream in, HookStreams streams) {
        Optional<Agent> agent;
        try {
            agent = Agents.find(agentSlug, streams.environment());
        } catch (EntireException e) {   // an external agent's binary that cannot be used
            streams.err().println("entire: " + Diagnostics.escape(e.getMessage()) + "; nothing recorded");
            return ExitCode.OK;
        }
        if (agent.isEmpty()) {
            streams.err().println("entire: hooks for '" + agentSlug + "' are not handled by this version; nothing"
                    + " recorded");
            return ExitCode.OK;
        }
        Optional<HookContext> hookContext = Optional.empty();
        Optional<SessionId> session = Optional.empty();
        Optional<Path> directory = Optional.empty();
        String hook = agentSlug + " " + verb;
        Optional<Path> launcherSnapshot = LauncherTurnSnapshot.file(streams);
        try {
            byte[] input = readAll(in);
            Optional<Path> staged = Optional.empty();
            if (launcherSnapshot.isPresent()) {
                LauncherTurnSnapshot.Input launched = LauncherTurnSnapshot.read(input);
                input = launched.payload();
                staged = launched.staged() ? launcherSnapshot : Optional.empty();
            }
            LifecycleEvent event;
            try {
                event = agent.get().parseHook(verb, input);
            } catch (InvalidHookPayloadException e) {
                hookContext = HookContext.open(streams.workingDirectory(), streams);
                hookContext.ifPresent(found -> HookLog.of(Optional.of(found.repository().workTree()), streams.err())
                        .record(hook, e.getMessage()));
                return ExitCode.OK;
            }
            session = Optional.of(event.sessionId());
            if (event.type() == LifecycleEvent.Type.TURN_START && staged.isEmpty()
                    || event.type() == LifecycleEvent.Type.TURN_END) {
                Git.prepareLaunches();   // the hooks that always run git (a turn's start stages the work tree)
            }
            directory = Optional.of(event.cwd().isPresent() && Files.isDirectory(event.cwd().get())
                    ? event.cwd().get() : streams.workingDirectory());
            hookContext = HookContext.open(directory.get(), streams);
            if (hookContext.isEmpty()) {
                return ExitCode.OK;
            }
            HookLog log = HookLog.of(Optional.of(hookContext.get().repository().workTree()), streams.err());
            if (!acts(event.type())) {
                log.record(hook, "not a hook this version handles; ignored");
                return ExitCode.OK;
            }
            OwedCheckpointHook.completeFirst(hookContext.get().repository(), streams, CommitUnderWay.POSSIBLE, hook);
            dispatch(agent.get(), acceptTranscript(agent.get(), event, streams.environment(), log, hook),
                    hookContext.get(), streams, log, hook, staged);
        } catch (RuntimeException e) {
            reportFailure(hook, e, HookContext.forFailure(hookContext, directory, streams), session, streams);
        } finally {
            if (launcherSnapshot.isPresent()) {
                LauncherTurnSnapshot.remove(launcherSnapshot.get());
            }
        }
        return ExitCode.OK;
    }

    /** Logs a failure; tells the user unless this session's hooks told them the same already. */
    private static void reportFailure(String hook, RuntimeException e, Optional<GitRepository> repository,
            Optional<SessionId> session, HookStreams streams) {
        HookLog log = HookLog.of(repository.map(GitRepository::workTree), streams.err());
        Optional<SessionNotices> notices = session.flatMap(id -> repository.map(
                found -> new SessionNotices(found.commonDir(), id)));
        if (notices.isPresent() && !notices.get().firstTime(e.getMessage())) {
            log.failureLoggedOnly(hook, e);
        } else {
            log.failure(hook, e);
        }
    }

    /** Whether capture acts on the event; the others are only logged. */
    private static boolean acts(LifecycleEvent.Type type) {
        return switch (type) {
            case SESSION_START, TURN_START, TURN_END, SESSION_END -> true;
            case COMPACTION, SUBAGENT_START, SUBAGENT_END, IGNORED -> false;
        };
    }

    /** {@code staged}: the launcher's staging of the work tree, for a turn's start ({@link LauncherTurnSnapshot}). */
    private static void dispatch(Agent agent, LifecycleEvent event, HookContext hookContext, HookStreams streams,
            HookLog log, String hook, Optional<Path> staged) {
        RedactionRules redaction = hookContext.redactionRules();
        TurnRecorder recorder = new TurnRecorder(hookContext.repository(),
                new SessionStore(hookContext.repository().commonDir(), streams.environment(), redaction),
                streams.environment().clock(), agent, redaction);
        switch (event.type()) {
            case SESSION_START -> {
                Optional<String> reply = agent.sessionStartReply("Entire is recording this " + agent.displayName()
                        + " session; it will be linked to your next commit.");
                if (reply.isPresent()) {
                    streams.out().println(reply.get());
                    streams.out().flush();
                }
            }
            case TURN_START -> {
                TurnStart started = recorder.turnStarted(event, streams.afterReply().answerFirst()
                        ? SnapshotTiming.WHEN_RECORDED : SnapshotTiming.BESIDE_THE_START, staged);
                streams.afterReply().add(new Runnable() {
                    @Override
                    public void run() {
                        started.recordWorkTree();
                    }
                });
            }
            case TURN_END -> {
                Workspace workspace = streams.workspace(hookContext);
                StopResult result = recorder.turnEnded(event, workspace::openStores, workspace.cliVersion());
                result.step().ifPresent(step -> log.record(hook, "session " + event.sessionId() + " step " + step
                        + ": " + result.files()));
                recordFinalization(log, hook, result.finalized(), result.warnings());
            }
            case SESSION_END -> {
                Workspace workspace = streams.workspace(hookContext);
                SessionEndResult result = recorder.sessionEnded(event, workspace::openStores,
                        workspace.cliVersion());
                recordFinalization(log, hook, result.finalized(), result.warnings());
            }
            case COMPACTION, SUBAGENT_START, SUBAGENT_END, IGNORED -> {
                // only logged: see acts
            }
        }
    }

    /**
     * The event with its transcript path resolved, or without one when the agent's folders do not hold it (logged):
     * the session goes on, recorded without that transcript.
     */
    private static LifecycleEvent acceptTranscript(Agent agent, LifecycleEvent event, Environment environment,
            HookLog log, String hook) {
        if (event.transcript().isEmpty()) {
            return event;
        }
        TranscriptAcceptance acceptance = agent.transcriptLocator().accept(event.transcript().get(), environment);
        if (acceptance.transcript().isEmpty()) {
            log.record(hook, "session " + event.sessionId() + ": " + acceptance.refusal());
        }
        return event.withTranscript(acceptance.transcript());
    }

    /** What stop and session-end log of a checkpoint they completed, and their warnings. */
    private static void recordFinalization(HookLog log, String hook, Optional<CheckpointId> finalized,
            List<Warning> warnings) {
        finalized.ifPresent(id -> log.record(hook, "Finalize transcript for Checkpoint: " + id));
        warnings.forEach(warning -> log.warn(hook, warning));
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the hook payload from stdin", e);
        }
    }
}
