package io.entire.core.capture;

/** Asks the person at the terminal whether to link a commit; the CLI implements it on {@code /dev/tty}. */
@FunctionalInterface
public interface LinkConfirmation {
    /**
     * @param question the question, without the answer hint
     * @param context  a line about the session (its last prompt), maybe empty
     */
    LinkAnswer ask(String question, String context);
}
