package io.entire.core.settings;

import static java.util.Objects.requireNonNull;

import io.entire.core.json.JsonFiles;
import io.entire.core.json.JsonFormatException;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Changes keys of one settings file ({@code .entire/settings.json} or {@code settings.local.json}), keeping every
 * other key (other writers add their own) where it was. The file is replaced atomically.
 */
public final class SettingsEditor {
    private final Path file;

    public SettingsEditor(Path file) {
        this.file = requireNonNull(file, "file is null");
    }

    /** The project file of a work tree. */
    public static SettingsEditor project(Path workTree) {
        return new SettingsEditor(workTree.resolve(SettingsLoader.DIRECTORY).resolve(SettingsLoader.PROJECT_FILE));
    }

    /** The local (git-ignored) file of a work tree. */
    public static SettingsEditor local(Path workTree) {
        return new SettingsEditor(workTree.resolve(SettingsLoader.DIRECTORY).resolve(SettingsLoader.LOCAL_FILE));
    }

    public Path file() {
        return file;
    }

    public boolean exists() {
        return Files.exists(file);
    }

    /**
     * Sets top-level keys and keys of {@code strategy_options}; a key already there keeps its place. A file that is
     * not a JSON object is a {@link SettingsException}, and is left alone.
     */
    public void update(Map<String, JsonValue> topLevel, Map<String, JsonValue> strategyOptions) {
        Map<String, JsonValue> members = new LinkedHashMap<>(read().members());
        members.putAll(topLevel);
        if (!strategyOptions.isEmpty()) {
            JsonValue current = members.getOrDefault("strategy_options", JsonObject.EMPTY);
            if (!(current instanceof JsonObject options)) {
                throw new SettingsException(file, "strategy_options must be an object");
            }
            Map<String, JsonValue> merged = new LinkedHashMap<>(options.members());
            merged.putAll(strategyOptions);
            members.put("strategy_options", new JsonObject(merged));
        }
        JsonFiles.writeAtomically(file, new JsonObject(members));
    }

    private JsonObject read() {
        try {
            return JsonFiles.readObject(file).orElse(JsonObject.EMPTY);
        } catch (JsonFormatException e) {
            throw new SettingsException(file, e.getMessage() + "; fix the file, then try again");
        }
    }
}
