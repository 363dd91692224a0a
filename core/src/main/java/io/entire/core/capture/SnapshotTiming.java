package io.entire.core.capture;

/** When a turn's start records the work tree as the turn finds it (see {@link TurnRecorder#turnStarted}). */
public enum SnapshotTiming {
    /**
     * On a thread of its own while the start's state is read and saved: for a hook whose JVM answers only by exiting,
     * so that its git process runs beside the hook's own work instead of after it.
     */
    BESIDE_THE_START,
    /** When {@link TurnStart#recordWorkTree} is called: after a served hook has answered the agent. */
    WHEN_RECORDED
}
