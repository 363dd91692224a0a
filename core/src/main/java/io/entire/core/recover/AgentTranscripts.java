package io.entire.core.recover;

import static java.util.Objects.requireNonNull;

import io.entire.core.Environment;
import io.entire.core.agent.Agent;
import io.entire.core.agent.Agents;
import io.entire.core.agent.DiscoveredAgent;
import io.entire.core.agent.RestoreTarget;
import io.entire.core.agent.TranscriptRewrite;
import io.entire.core.id.SessionId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What rewind and resume need to know of the agents whose sessions they restore, asked of each agent through the
 * agent SPI: where it keeps a session's transcript, which recorded paths are its transcripts, and which work tree
 * folders are its own.
 */
public final class AgentTranscripts {
    private final Environment environment;

    /** @param environment the run's environment: the agents' homes ({@code CLAUDE_CONFIG_DIR}, {@code HOME}, ...) */
    public AgentTranscripts(Environment environment) {
        this.environment = requireNonNull(environment, "environment is null");
    }

    /**
     * The agent a checkpoint names by its display name: a built-in one, else an external agent on PATH; the default
     * agent (Claude Code) when none is named (checkpoints written before the agent was recorded). Empty when no agent
     * here has the name.
     */
    Optional<Agent> named(Optional<String> displayName) {
        if (displayName.isEmpty()) {
            return Optional.of(Agents.bySlug(Agents.DEFAULT_SLUG));
        }
        Optional<Agent> builtIn = Agents.findByDisplayName(displayName.get());
        if (builtIn.isPresent()) {
            return builtIn;
        }
        return Agents.external(environment).stream().map(DiscoveredAgent::agent).flatMap(Optional::stream)
                .filter(agent -> agent.displayName().equals(displayName.get())).findFirst();
    }

    /**
     * Where a stored transcript of {@code session} goes back in {@code workTree} for {@code agent} to resume it;
     * {@code stored} is the copy, when one is at hand.
     */
    RestoreTarget restoreTarget(Agent agent, SessionId session, Path workTree, Optional<Path> stored) {
        return agent.transcriptLocator().restoreTarget(session, workTree, environment, stored);
    }

    /** The work tree a transcript says it was recorded in, when the agent's paths in it must follow a restore. */
    Optional<Path> recordedWorkTree(Agent agent, Path transcript) {
        return agent.transcriptLocator().recordedWorkTree(transcript);
    }

    /** What a restore in {@code workTree} rewrites besides the work tree's path, for the agent. */
    List<TranscriptRewrite> relocations(Agent agent, Path recordedWorkTree, Path workTree) {
        return agent.transcriptLocator().relocations(recordedWorkTree, workTree, environment);
    }

    /**
     * Whether a transcript path recorded earlier (in a step's metadata) is one of the agent's own transcript files
     * and JSON Lines, which a rewind may cut by lines: a recorded path is data, and must not make a rewind write
     * anywhere else.
     */
    boolean mayWrite(Agent agent, Path transcript) {
        boolean lines = transcript.getFileName() != null && transcript.getFileName().toString().endsWith(".jsonl");
        return lines && agent.transcriptLocator().accept(transcript, environment).transcript().isPresent();
    }

    /**
     * The work tree folders the built-in agents keep their own configuration in (the folder of each one's settings
     * file: {@code .claude}, {@code .codex}, ...), which a rewind never changes whichever session it rewinds.
     */
    List<String> ownFolders(Path workTree) {
        List<String> folders = new ArrayList<>();
        for (String slug : Agents.slugs()) {
            Path settings = Agents.bySlug(slug).settingsHooks(workTree, environment).file();
            Path folder = settings.getParent();
            if (folder != null && folder.startsWith(workTree) && !folder.equals(workTree)) {
                folders.add(workTree.relativize(folder).toString().replace('\\', '/'));
            }
        }
        return folders;
    }
}
