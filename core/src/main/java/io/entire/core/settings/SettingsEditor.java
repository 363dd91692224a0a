package io.entire.core.settings;

import static java.util.Objects.requireNonNull;

import io.entire.core.OwnFiles;
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
    private final Path workTree;
    private final Path file;

    private SettingsEditor(Path workTree, String name) {
        this.workTree = requireNonNull(workTree, "workTree is null");
        this.file = workTree.resolve(SettingsLoader.DIRECTORY).resolve(name);
    }

    /** The project file of a work tree. */
    public static SettingsEditor project(Path workTree) {
        return new SettingsEditor(workTree, SettingsLoader.PROJECT_FILE);
    }

    /** The local (git-ignored) file of a work tree. */
    public static SettingsEditor local(Path workTree) {
        return new SettingsEditor(workTree, SettingsLoader.LOCAL_FILE);
    }

    /** A {@link io.entire.core.LinkedPathException} when the file or its folder is a symbolic link. */
    public void requireNoLink() {
        OwnFiles.requireNoLink(workTree, file);
    }

    public Path file() {
        return file;
    }

    public boolean exists() {
        return Files.exists(file);
    }

    /**
     * Sets top-level keys and keys of {@code strategy_options}; a key already there keeps its place. A file that is
     * not a JSON object is a {@link SettingsException}, and is left alone; so is a file that is a symbolic link, or
     * whose folder is one ({@link io.entire.core.LinkedPathException}).
     */
    public void update(Map<String, JsonValue> topLevel, Map<String, JsonValue> strategyOptions) {
        requireNoLink();
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
