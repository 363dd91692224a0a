package io.entire.core.agent.external;

import static java.util.Objects.requireNonNull;

import io.entire.core.Environment;
import io.entire.core.agent.RestoreTarget;
import io.entire.core.agent.TranscriptAcceptance;
import io.entire.core.agent.TranscriptLocator;
import io.entire.core.id.SessionId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/** Where an external agent keeps its transcripts: what its binary's {@code get-session-dir} answers. */
final class ExternalTranscriptLocator implements TranscriptLocator {
    private final ExternalAgent agent;

    ExternalTranscriptLocator(ExternalAgent agent) {
        this.agent = requireNonNull(agent, "agent is null");
    }

    @Override
    public Path sessionDirectory(Path workTree, Environment environment) {
        return agent.binaryIn(workTree).sessionDirectory(workTree).orElseThrow(() -> new ExternalAgentException(
                agent.binary(), "get-session-dir names no folder for " + workTree));
    }

    @Override
    public Optional<Path> find(SessionId session, Path workTree, Environment environment) {
        requireNonNull(session, "session is null");
        ExternalAgentBinary binary = agent.binaryIn(workTree);
        return binary.sessionDirectory(workTree).flatMap(directory -> binary.sessionFile(directory, session.value()))
                .filter(Files::isRegularFile);
    }

    /** The file the binary's {@code resolve-session-file} names in its session folder for the work tree. */
    @Override
    public RestoreTarget restoreTarget(SessionId session, Path workTree, Environment environment,
            Optional<Path> stored) {
        requireNonNull(session, "session is null");
        Path directory = sessionDirectory(workTree, environment);
        return RestoreTarget.file(agent.binaryIn(workTree).sessionFile(directory, session.value()).orElseThrow(() ->
                new ExternalAgentException(agent.binary(), "resolve-session-file names no file for session "
                        + session)));
    }

    /**
     * Accepted: a regular file, not a link, whose real path lies inside the real folder the binary names for the work
     * tree the hook runs in; anything else a payload names would be copied into a checkpoint and pushed.
     */
    @Override
    public TranscriptAcceptance accept(Path claimed, Environment environment) {
        requireNonNull(claimed, "claimed is null");
        Path workingDirectory = environment.workingDirectory();
        Path folder;
        Path real;
        try {
            Optional<Path> named = agent.binaryIn(workingDirectory).sessionDirectory(workingDirectory);
            if (named.isEmpty()) {
                return TranscriptAcceptance.refused(claimed, agent.slug() + " names no transcript folder");
            }
            folder = named.get().toRealPath();
            real = claimed.toRealPath();
        } catch (IOException | ExternalAgentException e) {
            return TranscriptAcceptance.refused(claimed, "it cannot be checked (" + e.getMessage() + ")");
        }
        if (!real.startsWith(folder) || real.equals(folder)) {
            return TranscriptAcceptance.refused(claimed, "it is not inside " + folder);
        }
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            return TranscriptAcceptance.refused(claimed, "it is not a regular file");
        }
        return TranscriptAcceptance.accepted(real);
    }
}
