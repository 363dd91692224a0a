package io.entire.search;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps Lucene's advice to its own operators off the user's terminal: on Java 23 and later, every first read of an
 * index logs a warning that a newer Lucene would use the Vector API, which the default java.util.logging set-up
 * prints on stderr. Lucene's severe errors still show.
 */
final class LuceneLogging {
    // java.util.logging holds loggers weakly: the level set here lasts only while this reference does.
    private static final Logger LUCENE = Logger.getLogger("org.apache.lucene");

    private LuceneLogging() {
    }

    static void keepAdviceOffTheTerminal() {
        LUCENE.setLevel(Level.SEVERE);
    }
}
