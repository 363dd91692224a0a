package io.entire.cli;

import io.entire.core.agent.AgentKind;
import io.entire.core.agent.InvalidHookPayloadException;
import io.entire.core.agent.TranscriptAcceptance;
import io.entire.core.agent.claudecode.ClaudeHookEvent;
import io.entire.core.agent.claudecode.ClaudeTranscriptLocator;
import io.entire.core.agent.claudecode.HookPayload;
import io.entire.core.capture.SessionEndResult;
import io.entire.core.capture.StopResult;
import io.entire.core.capture.TurnRecorder;
import io.entire.core.git.Git;
import io.entire.core.id.CheckpointId;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import io.entire.core.json.JsonWriter;
import io.entire.core.session.CommitUnderWay;
import io.entire.core.session.SessionStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Claude Code's hooks ({@code entire hooks claude-code <verb>}): the JSON payload on stdin, one call into capture, and
 * on stdout nothing but the hook protocol's JSON. A payload that is malformed or has no session id is logged and
 * ignored; like the git hooks, these always exit 0 so the agent's turn goes on.
 */
final class AgentHooks {
    private AgentHooks() {
    }

    static int run(String verb, InputStream in, HookStreams streams) {
        Optional<HookContext> hookContext = Optional.empty();
        String hook = "claude-code " + verb;
        if (verb.equals("stop") || verb.equals("user-prompt-submit")) {
            Git.prepareLaunches();   // the agent hooks that always run git (the prompt stages the work tree)
        }
        try {
            byte[] input = readAll(in);
            HookPayload payload;
            try {
                payload = HookPayload.parse(input);
            } catch (InvalidHookPayloadException e) {
                hookContext = HookContext.open(streams.workingDirectory(), streams);
                hookContext.ifPresent(found -> HookLog.of(Optional.of(found.repository().workTree()), streams.err())
                        .record(hook, e.getMessage()));
                return ExitCode.OK;
            }
            Path directory = payload.cwd().filter(Files::isDirectory).orElse(streams.workingDirectory());
            hookContext = HookContext.open(directory, streams);
            if (hookContext.isEmpty()) {
                return ExitCode.OK;
            }
            Optional<ClaudeHookEvent> event = ClaudeHookEvent.fromVerb(verb);
            if (event.isEmpty()) {
                HookLog.of(Optional.of(hookContext.get().repository().workTree()), streams.err())
                        .record(hook, "not a hook this version handles; ignored");
                return ExitCode.OK;
            }
            OwedCheckpointHook.completeFirst(hookContext.get().repository(), streams, CommitUnderWay.POSSIBLE, hook);
            HookLog log = HookLog.of(Optional.of(hookContext.get().repository().workTree()), streams.err());
            dispatch(event.get(), acceptTranscript(payload, streams.environment(), log, hook), hookContext.get(),
                    streams);
        } catch (RuntimeException e) {
            HookLog.of(hookContext.map(found -> found.repository().workTree()), streams.err()).failure(hook, e);
        }
        return ExitCode.OK;
    }

    private static void dispatch(ClaudeHookEvent event, HookPayload payload, HookContext hookContext,
            HookStreams streams) {
        // Not Clock.systemUTC(): its first use sets up java.time's zone tables, ~0.6 ms of a light hook.
        TurnRecorder recorder = new TurnRecorder(hookContext.repository(),
                new SessionStore(hookContext.repository().commonDir()), InstantSource.system(), AgentKind.CLAUDE_CODE);
        switch (event) {
            case SESSION_START -> {
                JsonValue message = new JsonObject(Map.of("systemMessage", new JsonString("Entire is recording this "
                        + AgentKind.CLAUDE_CODE.displayName() + " session; it will be linked to your next commit.")));
                streams.out().println(JsonWriter.compact(message));
                streams.out().flush();
            }
            case USER_PROMPT_SUBMIT -> recorder.promptSubmitted(payload);
            case STOP -> {
                CliContext context = streams.context();
                StopResult result = recorder.stopped(payload, () -> context.openStores(hookContext.repository()),
                        context.build().version());
                HookLog log = HookLog.of(Optional.of(hookContext.repository().workTree()), streams.err());
                result.step().ifPresent(step -> log.record("claude-code stop", "session " + payload.sessionId()
                        + " step " + step + ": " + result.files()));
                recordFinalization(log, "claude-code stop", result.finalized(), result.warnings());
            }
            case SESSION_END -> {
                CliContext context = streams.context();
                SessionEndResult result = recorder.sessionEnded(payload,
                        () -> context.openStores(hookContext.repository()), context.build().version());
                recordFinalization(HookLog.of(Optional.of(hookContext.repository().workTree()), streams.err()),
                        "claude-code session-end", result.finalized(), result.warnings());
            }
        }
    }

    /**
     * The payload with its transcript path resolved, or without one when Claude Code's folders do not hold it (logged):
     * the session goes on, recorded without that transcript.
     */
    private static HookPayload acceptTranscript(HookPayload payload, Map<String, String> environment, HookLog log,
            String hook) {
        if (payload.transcriptPath().isEmpty()) {
            return payload;
        }
        TranscriptAcceptance acceptance = new ClaudeTranscriptLocator().accept(payload.transcriptPath().get(),
                environment);
        if (acceptance.transcript().isEmpty()) {
            log.record(hook, "session " + payload.sessionId() + ": " + acceptance.refusal());
        }
        return payload.withTranscriptPath(acceptance.transcript());
    }

    /** What stop and session-end log of a checkpoint they completed, and their warnings. */
    private static void recordFinalization(HookLog log, String hook, Optional<CheckpointId> finalized,
            List<String> warnings) {
        finalized.ifPresent(id -> log.record(hook, "Finalize transcript for Checkpoint: " + id));
        warnings.forEach(warning -> log.record(hook, warning));
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the hook payload from stdin", e);
        }
    }
}
