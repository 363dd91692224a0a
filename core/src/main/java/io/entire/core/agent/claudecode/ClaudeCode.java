package io.entire.core.agent.claudecode;

import static java.util.Objects.requireNonNull;

import io.entire.core.Environment;
import io.entire.core.agent.Agent;
import io.entire.core.agent.AgentSettingsHooks;
import io.entire.core.agent.HookPayload;
import io.entire.core.agent.LifecycleEvent;
import io.entire.core.agent.TranscriptFormat;
import io.entire.core.agent.TranscriptLocator;
import io.entire.core.id.SessionId;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Claude Code: hooks in {@code .claude/settings.json}, JSONL transcripts under
 * {@code <config dir>/projects/<sanitized work tree>/}, cut by lines.
 */
public final class ClaudeCode implements Agent {
    public static final String SLUG = "claude-code";
    private static final String TASK_NOTIFICATION = "<task-notification>";

    @Override
    public String slug() {
        return SLUG;
    }

    @Override
    public String displayName() {
        return "Claude Code";
    }

    /**
     * Claude Code sends every hook the session, its transcript file, the working directory and the event name; a
     * UserPromptSubmit also the prompt, unless Claude Code wrote it itself. Other fields are ignored. Written without
     * lambdas: each is a class a light hook would load.
     */
    @Override
    public LifecycleEvent parseHook(String verb, byte[] payload) {
        requireNonNull(verb, "verb is null");
        HookPayload parsed = HookPayload.parse(payload);
        Optional<ClaudeHookEvent> event = ClaudeHookEvent.fromVerb(verb);
        LifecycleEvent.Type type = event.isPresent() ? event.get().type() : LifecycleEvent.Type.IGNORED;
        return new LifecycleEvent(type, parsed.hookEventName(), parsed.sessionId(), parsed.transcriptPath(),
                parsed.cwd(), typedPrompt(parsed));
    }

    /** The prompt, unless it is a background agent's result, which Claude Code submits as a turn it starts itself. */
    private static Optional<String> typedPrompt(HookPayload payload) {
        Optional<String> prompt = payload.string("prompt");
        if (prompt.isPresent() && prompt.get().stripLeading().startsWith(TASK_NOTIFICATION)) {
            return Optional.empty();
        }
        return prompt;
    }

    /** Claude Code shows a hook's {@code systemMessage} to the user. */
    @Override
    public Optional<String> sessionStartReply(String message) {
        return Optional.of(HookPayload.systemMessageReply(message));
    }

    @Override
    public TranscriptLocator transcriptLocator() {
        return new ClaudeTranscriptLocator();
    }

    @Override
    public TranscriptFormat transcriptFormat() {
        return new ClaudeTranscriptFormat();
    }

    @Override
    public AgentSettingsHooks settingsHooks(Path workTree, Environment environment) {
        return new ClaudeSettingsHooks(workTree);
    }

    @Override
    public String resumeCommand(SessionId session) {
        return "claude -r " + session;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClaudeCode;
    }

    @Override
    public int hashCode() {
        return SLUG.hashCode();
    }

    @Override
    public String toString() {
        return SLUG;
    }
}
