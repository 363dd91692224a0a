package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.Log;
import io.entire.core.attribution.TranscriptWrites;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonWriter;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;

/**
 * The agent's writes kept with a redacted prefix, as the JSON text its description holds. They grow with the whole
 * session (every text the agent wrote), so a checkpoint parses them only where attribution reads on from them, on
 * attribution's own thread while git writes the transcript, and makes their next text there too.
 */
final class KeptWrites {
    private static final System.Logger LOG = Log.of(KeptWrites.class);

    static final KeptWrites NONE = of(TranscriptWrites.NONE);

    private final byte[] json;

    private KeptWrites(byte[] json) {
        this.json = requireNonNull(json, "json is null");
    }

    static KeptWrites of(TranscriptWrites writes) {
        return new KeptWrites(JsonWriter.compact(writes.toJson()).getBytes(StandardCharsets.UTF_8));
    }

    /** Writes as {@link #json} gave them, read when {@link #read} is asked. */
    static KeptWrites text(byte[] json) {
        return new KeptWrites(json.clone());
    }

    /**
     * The writes, if they were read no further than {@code redactedEnd} (the prefix they were kept with); none when
     * the text is damaged or goes further: attribution then reads the redacted transcript from its start.
     */
    TranscriptWrites read(long redactedEnd) {
        try {
            TranscriptWrites writes = TranscriptWrites.fromJson(new JsonReader().parseObject(json));
            if (writes.end() <= redactedEnd) {
                return writes;
            }
            LOG.log(Level.WARNING, "kept writes read up to " + writes.end() + " of " + redactedEnd
                    + " redacted bytes: attribution reads the transcript from its start");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ignoring damaged kept writes (" + e.getMessage() + "): attribution reads the "
                    + "transcript from its start");
        }
        return TranscriptWrites.NONE;
    }

    /** The text, one line. */
    byte[] json() {
        return json.clone();
    }
}
