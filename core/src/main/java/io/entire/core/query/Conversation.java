package io.entire.core.query;

import static java.util.Objects.requireNonNull;

import io.entire.core.id.SessionId;
import java.util.List;
import java.util.Optional;

/**
 * A session's stored conversation, turn by turn, whichever agent recorded it; {@code unreadable} says why there are
 * no turns when the checkpoint holds no transcript this version can read.
 */
public record Conversation(int slot, SessionId sessionId, Optional<String> agent, List<ConversationTurn> turns,
        Optional<String> unreadable) {
    public Conversation {
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(agent, "agent is null");
        turns = List.copyOf(turns);
        requireNonNull(unreadable, "unreadable is null");
    }
}
