package io.entire.core.agent.claudecode;

import static java.util.Objects.requireNonNull;

import io.entire.core.Log;
import io.entire.core.id.CheckpointId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Builds compact transcripts from raw Claude Code transcripts for stores that need one (v2 backfill and migration
 * of checkpoints written before compact transcripts existed).
 */
public final class ClaudeCompactTranscripts {
    private static final System.Logger LOG = Log.of(ClaudeCompactTranscripts.class);

    private final String cliVersion;

    public ClaudeCompactTranscripts(String cliVersion) {
        this.cliVersion = requireNonNull(cliVersion, "cliVersion is null");
    }

    public Optional<byte[]> build(CheckpointId id, Consumer<OutputStream> raw) {
        ByteArrayOutputStream rawBytes = new ByteArrayOutputStream();
        raw.accept(rawBytes);
        ByteArrayOutputStream compact = new ByteArrayOutputStream();
        try {
            long lines = CompactTranscript.write(new ByteArrayInputStream(rawBytes.toByteArray()), 0, compact,
                    cliVersion);
            return lines > 0 ? Optional.of(compact.toByteArray()) : Optional.empty();
        } catch (RuntimeException e) {
            // Older writers stored other agents' transcripts (a Gemini JSON document, not JSONL) in the same place.
            LOG.log(Level.INFO, "checkpoint " + id + ": no compact transcript could be built: "
                    + e.getMessage());
            return Optional.empty();
        }
    }
}
