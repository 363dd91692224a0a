package io.entire.core.store;

/** Why a session is written into a checkpoint; it decides the storage commit's message. */
public enum WriteKind {
    /** A new checkpoint, or another session added to one. */
    CHECKPOINT,
    /** The complete turn replacing a transcript written mid-turn (stop-time finalization). */
    FINALIZE
}
