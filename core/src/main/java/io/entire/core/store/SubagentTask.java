package io.entire.core.store;

import static java.util.Objects.requireNonNull;

import io.entire.core.id.SessionId;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A subagent a session ran, as a checkpoint stores it in {@code tasks/<tool-use-id>/} (FORMATS.md section 2): the
 * session, the tool call that launched it, the transcript line that reported it, the agent's id, and its redacted
 * transcript when there is one. The ids become folder and file names, so they are checked here.
 */
public record SubagentTask(SessionId sessionId, String toolUseId, String checkpointUuid, String agentId,
        Optional<Path> transcript) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    public SubagentTask {
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(toolUseId, "toolUseId is null");
        requireNonNull(checkpointUuid, "checkpointUuid is null");
        requireNonNull(agentId, "agentId is null");
        requireNonNull(transcript, "transcript is null");
        if (!NAME.matcher(toolUseId).matches() || !NAME.matcher(agentId).matches()) {
            throw new IllegalArgumentException("session " + sessionId + ": not a tool use id and agent id: '"
                    + toolUseId + "', '" + agentId + "'");
        }
    }

    /** The file name of the subagent's transcript in its task folder. */
    public String transcriptName() {
        return "agent-" + agentId + ".jsonl";
    }
}
