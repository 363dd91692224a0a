package io.entire.core.recover;

import io.entire.core.id.SessionId;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What rewind and resume need to know of an agent: where it looks for a session's transcript, how a person resumes a
 * session, where a transcript says it was recorded, and which work tree folders are the agent's own.
 */
public interface AgentTranscripts {
    /** The file the agent reads when a session of this work tree is resumed. */
    Path transcriptFile(Path workTree, SessionId session);

    /** The command that continues the session ({@code claude -r <id>}). */
    String resumeCommand(SessionId session);

    /** The work tree the transcript was recorded in, as the transcript itself says, if it does. */
    Optional<Path> recordedWorkTree(Path transcript);

    /**
     * Whether a transcript path recorded earlier (in a step's metadata) is one of the agent's own transcript files,
     * which a rewind may cut: a recorded path is data, and must not make a rewind write anywhere else.
     */
    boolean mayWrite(Path transcript);

    /** Whether a work tree path (forward slashes, relative) is the agent's own configuration, never rewound. */
    boolean ownsPath(String path);
}
