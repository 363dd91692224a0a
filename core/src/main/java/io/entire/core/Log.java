package io.entire.core;

import java.util.ResourceBundle;

/**
 * A {@link System.Logger} that looks up its back-end at each call. A logger obtained when its class loads starts
 * java.util.logging for application code: ~4 ms of a hook that then logs nothing. Being a {@code System.Logger}
 * itself, it is skipped where java.util.logging infers a record's source, which stays the class that logged.
 */
public final class Log implements System.Logger {
    private final String name;

    private Log(String name) {
        this.name = name;
    }

    /** The logger named after {@code owner}. */
    public static System.Logger of(Class<?> owner) {
        return new Log(owner.getName());
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean isLoggable(Level level) {
        return backEnd().isLoggable(level);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
        backEnd().log(level, bundle, message, thrown);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        backEnd().log(level, bundle, format, params);
    }

    private System.Logger backEnd() {
        return System.getLogger(name);
    }
}
