package io.entire.core;

import java.lang.System.Logger.Level;

/**
 * Logging through {@link System.Logger}, looked up at each call. A logger held in a static field is made when its
 * class loads, and for application code that starts java.util.logging: ~4 ms of a hook that then logs nothing.
 */
public final class Log {
    private Log() {
    }

    public static void debug(Class<?> owner, String message) {
        System.getLogger(owner.getName()).log(Level.DEBUG, message);
    }

    public static void info(Class<?> owner, String message) {
        System.getLogger(owner.getName()).log(Level.INFO, message);
    }

    public static void warning(Class<?> owner, String message) {
        System.getLogger(owner.getName()).log(Level.WARNING, message);
    }

    public static void warning(Class<?> owner, String message, Throwable thrown) {
        System.getLogger(owner.getName()).log(Level.WARNING, message, thrown);
    }
}
