package io.entire.core.agent.claudecode;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A subagent the main transcript launched: the id of its Agent (formerly Task) tool call, the agent id Claude Code
 * gave it, and the uuid of the transcript line that reported it. Both ids are safe as folder and file names.
 */
public record SubagentLink(String toolUseId, String agentId, String lineUuid) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    public SubagentLink {
        requireNonNull(toolUseId, "toolUseId is null");
        requireNonNull(agentId, "agentId is null");
        requireNonNull(lineUuid, "lineUuid is null");
        if (!isName(toolUseId) || !isName(agentId)) {
            throw new IllegalArgumentException("not a tool use id and agent id: '" + toolUseId + "', '" + agentId
                    + "'");
        }
    }

    static boolean isName(String text) {
        return NAME.matcher(text).matches();
    }

    /**
     * The subagent's transcript beside the session's {@code mainTranscript}: in its folder
     * {@code <session id>/subagents/} (Claude Code 2.1.2 on), else in the same folder (older versions), named
     * {@code agent-<agent id>.jsonl}.
     */
    public Optional<Path> transcript(Path mainTranscript) {
        Path folder = mainTranscript.toAbsolutePath().getParent();
        String session = mainTranscript.getFileName().toString().replaceFirst("\\.jsonl$", "");
        String fileName = "agent-" + agentId + ".jsonl";
        Path current = folder.resolve(session).resolve("subagents").resolve(fileName);
        if (Files.isRegularFile(current)) {
            return Optional.of(current);
        }
        return Optional.of(folder.resolve(fileName)).filter(Files::isRegularFile);
    }
}
