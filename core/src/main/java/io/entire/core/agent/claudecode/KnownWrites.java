package io.entire.core.agent.claudecode;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.RecordedWrite;
import java.util.List;
import java.util.Optional;

/**
 * What a transcript's bytes up to {@code end} (the end of a line) record: the agent's writes in order and the prompt
 * in force after them, so that reading can go on from there.
 */
public record KnownWrites(long end, List<RecordedWrite> writes, Optional<String> prompt) {
    /** Nothing read yet. */
    public static final KnownWrites NONE = new KnownWrites(0, List.of(), Optional.empty());

    public KnownWrites {
        if (end < 0) {
            throw new IllegalArgumentException("end " + end);
        }
        writes = List.copyOf(writes);
        requireNonNull(prompt, "prompt is null");
    }
}
