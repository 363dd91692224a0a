package io.entire.core.settings;

import io.entire.core.json.JsonFiles;
import io.entire.core.json.JsonFormatException;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Whether a commit made on a terminal with {@code -m} asks before linking to a session ({@code commit_linking}). */
public enum CommitLinking {
    /** Ask on the terminal (the default). */
    PROMPT("prompt"),
    /** Link without asking: the user answered "a" once. */
    ALWAYS("always");

    private final String settingValue;

    CommitLinking(String settingValue) {
        this.settingValue = settingValue;
    }

    public String settingValue() {
        return settingValue;
    }

    public static Optional<CommitLinking> parse(String value) {
        for (CommitLinking mode : values()) {
            if (mode.settingValue.equals(value)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }

    /**
     * The work tree's {@code commit_linking}: {@code settings.local.json} over {@code settings.json}, default
     * {@link #PROMPT}. A value of the wrong type or an unknown one is a {@link SettingsException} naming the file.
     */
    public static CommitLinking load(Path workTree) {
        Path directory = workTree.resolve(SettingsLoader.DIRECTORY);
        CommitLinking linking = PROMPT;
        for (Path file : List.of(directory.resolve(SettingsLoader.PROJECT_FILE),
                directory.resolve(SettingsLoader.LOCAL_FILE))) {
            Optional<JsonValue> value = read(file);
            if (value.isPresent()) {
                if (!(value.get() instanceof JsonString text)) {
                    throw new SettingsException(file, "commit_linking must be a string");
                }
                Optional<CommitLinking> parsed = parse(text.value());
                if (parsed.isEmpty()) {
                    throw new SettingsException(file,
                            "commit_linking must be \"prompt\" or \"always\", not \"" + text.value() + "\"");
                }
                linking = parsed.get();
            }
        }
        return linking;
    }

    private static Optional<JsonValue> read(Path file) {
        try {
            Optional<JsonObject> settings = JsonFiles.readObject(file);
            return settings.isPresent() ? settings.get().find("commit_linking") : Optional.empty();
        } catch (JsonFormatException e) {
            throw new SettingsException(file, e.getMessage());
        }
    }
}
