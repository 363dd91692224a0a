package io.entire.search;

import static java.util.Objects.requireNonNull;

import io.entire.core.id.SessionId;
import io.entire.core.json.JsonFormatException;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonSelection;
import io.entire.core.model.SessionMetadata;
import io.entire.core.model.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the index keeps of a session's metadata: its id, agent, creation time (which dates the checkpoint) and the
 * files it touched. An index build reads only these members of each {@code metadata.json}: reading all of it (token
 * usage, attribution) cost a build of 10,000 checkpoints 6% more CPU, much of it in the collector.
 */
record IndexedSession(SessionId sessionId, Optional<String> agent, Instant createdAt, List<String> filesTouched) {
    private static final JsonSelection MEMBERS = JsonSelection.of("session_id", "agent", "created_at",
            "files_touched");

    IndexedSession {
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(agent, "agent is null");
        requireNonNull(createdAt, "createdAt is null");
        filesTouched = List.copyOf(filesTouched);
    }

    static IndexedSession of(SessionMetadata metadata) {
        return new IndexedSession(metadata.sessionId(), metadata.agent(), metadata.createdAt(),
                metadata.filesTouched());
    }

    /**
     * Reads a {@code metadata.json}, building only the members kept; malformed JSON, or a missing id or date, is a
     * format error.
     */
    static IndexedSession read(JsonReader reader, byte[] metadata) {
        // The whole document is parsed again only to say what is wrong with it.
        return fromJson(reader.findSelected(metadata, 0, metadata.length, MEMBERS)
                .filter(JsonObject.class::isInstance).map(JsonObject.class::cast)
                .orElseGet(() -> reader.parseObject(metadata)));
    }

    /** Reads the members as {@link SessionMetadata#fromJson} does; a missing id or date is a format error. */
    private static IndexedSession fromJson(JsonObject json) {
        String created = json.findString("created_at")
                .orElseThrow(() -> new JsonFormatException("session metadata without created_at"));
        String session = json.findString("session_id")
                .orElseThrow(() -> new JsonFormatException("session metadata without session_id"));
        return new IndexedSession(SessionId.of(session), json.findString("agent").filter(agent -> !agent.isEmpty()),
                Timestamps.parse(created).orElseThrow(() -> new JsonFormatException("bad created_at " + created)),
                json.strings("files_touched"));
    }
}
