package io.entire.core.attribution;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.BlamedLine;
import io.entire.core.id.CheckpointId;
import java.util.List;
import java.util.Optional;

/**
 * A blamed line with who wrote it: the checkpoints its commit links, and for a line the agent wrote (or that a
 * person edited from one it wrote), the session and prompt behind it.
 */
public record AttributedLine(BlamedLine blame, LineAuthor author, List<CheckpointId> checkpoints,
        Optional<AgentOrigin> origin) {
    public AttributedLine {
        requireNonNull(blame, "blame is null");
        requireNonNull(author, "author is null");
        checkpoints = List.copyOf(checkpoints);
        requireNonNull(origin, "origin is null");
        if (origin.isPresent() != (author == LineAuthor.AGENT || author == LineAuthor.HUMAN_EDITED)) {
            throw new IllegalArgumentException("line " + blame.number() + ": an origin goes with agent lines only");
        }
    }
}
