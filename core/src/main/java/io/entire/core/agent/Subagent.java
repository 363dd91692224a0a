package io.entire.core.agent;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A subagent a transcript's part launched, as a checkpoint stores it ({@code tasks/<tool use id>/}).
 *
 * @param toolUseId the id of the tool call that launched it; safe as a folder name
 * @param agentId the id the agent gave the subagent; safe as a file name
 * @param lineUuid the uuid of the transcript line that reported it, or empty
 * @param transcript the subagent's own transcript, when the agent wrote one and it is there
 */
public record Subagent(String toolUseId, String agentId, String lineUuid, Optional<Path> transcript) {
    public Subagent {
        requireNonNull(toolUseId, "toolUseId is null");
        requireNonNull(agentId, "agentId is null");
        requireNonNull(lineUuid, "lineUuid is null");
        requireNonNull(transcript, "transcript is null");
    }
}
