package io.entire.core.settings;

import io.entire.core.EntireException;
import java.nio.file.Path;

/** A settings file that cannot be used: malformed JSON, or a known key with a value of the wrong type. */
public final class SettingsException extends EntireException {
    private final Path file;

    public SettingsException(Path file, String problem) {
        super(Category.STATE, file + ": " + problem);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
