package io.entire.core.doctor;

import static java.util.Objects.requireNonNull;

import io.entire.core.id.CheckpointId;
import java.util.List;

/** What {@code redact --rewrite} did to one checkpoint: the refs it moved; none when every copy was clean. */
public record RedactRewrite(CheckpointId checkpointId, List<RewrittenRef> rewritten) {
    public RedactRewrite {
        requireNonNull(checkpointId, "checkpointId is null");
        rewritten = List.copyOf(rewritten);
    }
}
