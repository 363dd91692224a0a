package io.entire.core.store.v2;

import java.util.Map;
import java.util.Optional;

/**
 * Where a merge of v2 {@code /main} put the local sessions of checkpoints both sides changed: local slot folder
 * paths ({@code a3/b2c4d5e6f7/0}) to merged ones, so the raw transcripts on {@code /full} follow their sessions.
 */
public record SlotMoves(Map<String, String> paths) {
    public static final SlotMoves NONE = new SlotMoves(Map.of());

    public SlotMoves {
        paths = Map.copyOf(paths);
    }

    /** The merged path of a local slot folder, when the merge placed its session anew. */
    Optional<String> target(String localPath) {
        return Optional.ofNullable(paths.get(localPath));
    }
}
