package io.entire.core.capture;

/** Whether someone can be asked at a terminal while a hook runs. */
public enum Interaction {
    /** A controlling terminal is there and no agent or CI runs the command. */
    TERMINAL,
    /** No one to ask: an agent's shell, CI, a GUI client. */
    NONE
}
