package io.entire.core.agent.external;

import static java.util.Objects.requireNonNull;

import io.entire.core.Environment;
import io.entire.core.agent.Agent;
import io.entire.core.agent.AgentSettingsHooks;
import io.entire.core.agent.InvalidHookPayloadException;
import io.entire.core.agent.LifecycleEvent;
import io.entire.core.agent.PayloadJson;
import io.entire.core.agent.TranscriptFormat;
import io.entire.core.agent.TranscriptLocator;
import io.entire.core.git.ExternalProgram;
import io.entire.core.id.InvalidIdException;
import io.entire.core.id.SessionId;
import io.entire.core.json.JsonObject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An agent this program does not know, added by a third party as an {@code entire-agent-<slug>} binary on PATH that
 * speaks the Go tool's external agent protocol ({@link ExternalAgentBinary}): the binary parses its agent's hook
 * payloads, installs its hooks and reads its transcripts, and this program does the rest (steps, checkpoints,
 * redaction). Bound to the environment it was found in, whose variables every call of the binary gets.
 */
public final class ExternalAgent implements Agent {
    private final String slug;
    private final Path binary;
    private final ExternalAgentInfo info;
    private final Map<String, String> variables;
    private final Path directory;

    ExternalAgent(String slug, Path binary, ExternalAgentInfo info, Environment environment) {
        this.slug = requireNonNull(slug, "slug is null");
        this.binary = requireNonNull(binary, "binary is null");
        this.info = requireNonNull(info, "info is null");
        this.variables = protocolVariables(requireNonNull(environment, "environment is null"));
        this.directory = environment.workingDirectory();
    }

    @Override
    public String slug() {
        return slug;
    }

    @Override
    public String displayName() {
        return info.type();
    }

    public ExternalAgentInfo info() {
        return info;
    }

    /** The binary that speaks for this agent. */
    public Path binary() {
        return binary;
    }

    /**
     * The binary's {@code parse-hook} answer as a lifecycle event (the Go tool's event numbers, 1 = session start to
     * 7 = subagent end); a hook it gives no event for, or an event without a session, is an
     * {@link InvalidHookPayloadException}, logged and otherwise ignored.
     */
    @Override
    public LifecycleEvent parseHook(String verb, byte[] payload) {
        requireNonNull(verb, "verb is null");
        JsonObject event = binaryIn(directory).parseHook(verb, payload).orElseThrow(
                () -> new InvalidHookPayloadException(slug + " gives hook '" + verb + "' no lifecycle event"));
        SessionId session;
        try {
            session = SessionId.of(event.findString("session_id").orElse(""));
        } catch (InvalidIdException e) {
            throw new InvalidHookPayloadException(slug + " parse-hook: " + e.getMessage());
        }
        LifecycleEvent.Type type = type(event.findLong("type").orElse(0L));
        Optional<String> prompt = type == LifecycleEvent.Type.TURN_START
                ? event.findString("prompt").filter(text -> !text.isBlank()) : Optional.empty();
        return new LifecycleEvent(type, verb, session, PayloadJson.absolutePath(event, "session_ref"),
                Optional.empty(), prompt);
    }

    /** The binary prints its own hook responses; this program adds nothing to its agent's stdout. */
    @Override
    public Optional<String> sessionStartReply(String message) {
        return Optional.empty();
    }

    @Override
    public TranscriptLocator transcriptLocator() {
        return new ExternalTranscriptLocator(this);
    }

    @Override
    public TranscriptFormat transcriptFormat() {
        return new ExternalTranscriptFormat(this);
    }

    @Override
    public AgentSettingsHooks settingsHooks(Path workTree, Environment environment) {
        return new ExternalSettingsHooks(workTree, binaryIn(workTree));
    }

    @Override
    public String resumeCommand(SessionId session) {
        String command = binaryIn(directory).resumeCommand(session.value());
        return command.isBlank() ? slug + " (session " + session + ")" : command;
    }

    /** The directory of the environment this agent was found in, where calls without a work tree run. */
    Path workingDirectory() {
        return directory;
    }

    /** The protocol client for this agent's binary, run in {@code workingDirectory}. */
    ExternalAgentBinary binaryIn(Path workingDirectory) {
        return binaryIn(workingDirectory, Map.of());
    }

    /**
     * As {@link #binaryIn(Path)}, telling the binary this program's version ({@code ENTIRE_CLI_VERSION}, as the Go tool
     * does), which a compact transcript it writes is stamped with.
     */
    ExternalAgentBinary binaryIn(Path workingDirectory, String cliVersion) {
        return binaryIn(workingDirectory, Map.of("ENTIRE_CLI_VERSION", cliVersion));
    }

    private ExternalAgentBinary binaryIn(Path workingDirectory, Map<String, String> extra) {
        Map<String, String> environment = new HashMap<>(variables);
        environment.putAll(extra);
        environment.put("ENTIRE_REPO_ROOT", workingDirectory.toString());
        return new ExternalAgentBinary(new ExternalProgram(binary, workingDirectory, environment));
    }

    static LifecycleEvent.Type type(long number) {
        return switch ((int) Math.min(number, Integer.MAX_VALUE)) {
            case 1 -> LifecycleEvent.Type.SESSION_START;
            case 2 -> LifecycleEvent.Type.TURN_START;
            case 3 -> LifecycleEvent.Type.TURN_END;
            case 4 -> LifecycleEvent.Type.COMPACTION;
            case 5 -> LifecycleEvent.Type.SESSION_END;
            case 6 -> LifecycleEvent.Type.SUBAGENT_START;
            case 7 -> LifecycleEvent.Type.SUBAGENT_END;
            default -> LifecycleEvent.Type.IGNORED;
        };
    }

    /** The environment every call gets: the caller's, and the protocol version the Go tool announces. */
    static Map<String, String> protocolVariables(Environment environment) {
        Map<String, String> variables = new HashMap<>(environment.variables());
        variables.put("ENTIRE_PROTOCOL_VERSION", Long.toString(ExternalAgentInfo.PROTOCOL_VERSION));
        return Map.copyOf(variables);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ExternalAgent agent && agent.slug.equals(slug) && agent.binary.equals(binary);
    }

    @Override
    public int hashCode() {
        return slug.hashCode() * 31 + binary.hashCode();
    }

    @Override
    public String toString() {
        return slug;
    }
}
