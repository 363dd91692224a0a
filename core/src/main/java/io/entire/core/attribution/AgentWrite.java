package io.entire.core.attribution;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.RecordedWrite;

/** A write recorded in a session's transcript, with the session and prompt it came from. */
record AgentWrite(RecordedWrite write, AgentOrigin origin) {
    AgentWrite {
        requireNonNull(write, "write is null");
        requireNonNull(origin, "origin is null");
    }
}
