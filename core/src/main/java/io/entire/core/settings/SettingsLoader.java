package io.entire.core.settings;

import io.entire.core.Ascii;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonFiles;
import io.entire.core.json.JsonBoolean;
import io.entire.core.json.JsonFormatException;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/** Reads {@code .entire/settings.json} and {@code settings.local.json} (FORMATS.md 6) into {@link Settings}. */
public final class SettingsLoader {
    public static final String DIRECTORY = ".entire";
    public static final String PROJECT_FILE = "settings.json";
    public static final String LOCAL_FILE = "settings.local.json";
    private static final Set<String> TOP_KEYS = Set.of("enabled", "log_level", "strategy", "strategy_options",
            "local_dev", "commit_linking", "agent", "redaction");
    private static final Set<String> REDACTION_KEYS = Set.of("allow", "patterns");
    private static final Set<String> OPTION_KEYS = Set.of("push_sessions", "checkpoints_v2", "checkpoint_store",
            "checkpoint_remote");
    private static final Set<String> PROVIDERS = Set.of("github", "gitlab", "bitbucket");

    private SettingsLoader() {
    }

    /** Whether {@code entire enable} set this work tree up: one of the two settings files exists. */
    public static boolean isSetUp(Path workTree) {
        Path directory = workTree.resolve(DIRECTORY);
        return Files.exists(directory.resolve(PROJECT_FILE)) || Files.exists(directory.resolve(LOCAL_FILE));
    }

    /** The effective settings of a work tree; missing files mean defaults. */
    public static Settings load(Path workTree) {
        Path directory = workTree.resolve(DIRECTORY);
        Settings settings = Settings.DEFAULTS;
        List<String> unknown = new ArrayList<>();
        for (Path file : List.of(directory.resolve(PROJECT_FILE), directory.resolve(LOCAL_FILE))) {
            Optional<JsonObject> json = read(file);
            if (json.isPresent()) {
                settings = apply(settings, json.get(), file, unknown);
            }
        }
        return new Settings(settings.enabled(), settings.logLevel(), settings.strategy(), settings.pushSessions(),
                settings.checkpointsV2(), settings.storeMode(), settings.checkpointRemote(), settings.redaction(),
                unknown);
    }

    private static Optional<JsonObject> read(Path file) {
        try {
            return JsonFiles.readObject(file);
        } catch (JsonFormatException e) {
            throw new SettingsException(file, e.getMessage());
        } catch (UncheckedIOException e) {
            // a folder or an unreadable file where the settings belong
            throw new SettingsException(file, "cannot be read (" + e.getCause().getMessage() + ")");
        }
    }

    private static Settings apply(Settings base, JsonObject json, Path file, List<String> unknown) {
        boolean enabled = bool(json, "enabled", file).orElse(base.enabled());
        String logLevel = string(json, "log_level", file).orElse(base.logLevel());
        String strategy = string(json, "strategy", file).orElse(base.strategy());
        // The Go tool's keys this program does not act on: known all the same, so a wrong type is an error too.
        string(json, "commit_linking", file);
        bool(json, "local_dev", file);
        string(json, "agent", file);
        boolean push = base.pushSessions();
        boolean v2 = base.checkpointsV2();
        StoreMode mode = base.storeMode();
        Optional<CheckpointRemoteSetting> checkpointRemote = base.checkpointRemote();
        RedactionSettings redaction = base.redaction();
        for (String key : json.members().keySet()) {
            if (!TOP_KEYS.contains(key)) {
                unknown.add(file.getFileName() + ": " + key);
            }
        }
        Optional<JsonValue> options = json.find("strategy_options");
        if (options.isPresent()) {
            if (!(options.get() instanceof JsonObject object)) {
                throw new SettingsException(file, "strategy_options must be an object");
            }
            push = bool(object, "push_sessions", file).orElse(push);
            v2 = bool(object, "checkpoints_v2", file).orElse(v2);
            Optional<String> store = string(object, "checkpoint_store", file);
            if (store.isPresent()) {
                mode = storeMode(store.get(), file);
            }
            Optional<JsonValue> remote = object.find("checkpoint_remote");
            if (remote.isPresent()) {
                checkpointRemote = Optional.of(checkpointRemote(remote.get(), file));
            }
            for (String key : object.members().keySet()) {
                if (!OPTION_KEYS.contains(key)) {
                    unknown.add(file.getFileName() + ": strategy_options." + key);
                }
            }
        }
        Optional<JsonValue> redactionJson = json.find("redaction");
        if (redactionJson.isPresent()) {
            if (!(redactionJson.get() instanceof JsonObject object)) {
                throw new SettingsException(file, "redaction must be an object, not " + redactionJson.get().kind());
            }
            List<Pattern> allow = object.find("allow").isPresent() ? allowList(object.find("allow").get(), file)
                    : redaction.allow();
            List<Pattern> patterns = object.find("patterns").isPresent()
                    ? patternList(object.find("patterns").get(), file) : redaction.patterns();
            redaction = new RedactionSettings(allow, patterns);
            for (String key : object.members().keySet()) {
                if (!REDACTION_KEYS.contains(key)) {
                    unknown.add(file.getFileName() + ": redaction." + key);
                }
            }
        }
        return new Settings(enabled, logLevel, strategy, push, v2, mode, checkpointRemote, redaction, List.of());
    }

    /** Each entry is a literal, or a pattern between slashes ({@code "/AKIA[0-9A-Z]{16}EXAMPLE/"}). */
    private static List<Pattern> allowList(JsonValue value, Path file) {
        List<Pattern> allow = new ArrayList<>();
        List<String> entries = strings(value, "redaction.allow", file);
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            allow.add(entry.length() > 2 && entry.startsWith("/") && entry.endsWith("/")
                    ? compile(entry.substring(1, entry.length() - 1), "redaction.allow[" + i + "]", file)
                    : Pattern.compile(Pattern.quote(entry)));
        }
        return allow;
    }

    private static List<Pattern> patternList(JsonValue value, Path file) {
        List<Pattern> patterns = new ArrayList<>();
        List<String> entries = strings(value, "redaction.patterns", file);
        for (int i = 0; i < entries.size(); i++) {
            patterns.add(compile(entries.get(i), "redaction.patterns[" + i + "]", file));
        }
        return patterns;
    }

    private static Pattern compile(String regex, String key, Path file) {
        if (regex.isEmpty()) {
            throw new SettingsException(file, key + " is empty");
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new SettingsException(file, key + ": '" + regex + "' is not a valid pattern: "
                    + e.getDescription());
        }
    }

    private static List<String> strings(JsonValue value, String key, Path file) {
        if (!(value instanceof JsonArray array)) {
            throw new SettingsException(file, key + " must be an array of strings, not " + value.kind());
        }
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < array.elements().size(); i++) {
            if (!(array.elements().get(i) instanceof JsonString string)) {
                throw new SettingsException(file, key + "[" + i + "] must be a string, not "
                        + array.elements().get(i).kind());
            }
            strings.add(string.value());
        }
        return strings;
    }

    private static CheckpointRemoteSetting checkpointRemote(JsonValue value, Path file) {
        String key = "strategy_options.checkpoint_remote";
        if (value instanceof JsonString location) {
            try {
                return CheckpointRemoteSetting.of(location.value());
            } catch (IllegalArgumentException e) {
                throw new SettingsException(file, key + ": '" + location.value() + "' is no git URL or remote name");
            }
        }
        if (!(value instanceof JsonObject forge)) {
            throw new SettingsException(file, key + " must be a git URL, a remote name or {\"provider\": \"github\","
                    + " \"repo\": \"org/repo\"}, not " + value.kind());
        }
        Optional<String> named = string(forge, "provider", file);
        if (named.isEmpty()) {
            throw new SettingsException(file, key + ".provider is missing");
        }
        String provider = named.get();
        if (!PROVIDERS.contains(provider)) {
            throw new SettingsException(file, key + ".provider: unknown value '" + provider + "'; allowed: "
                    + PROVIDERS.stream().sorted().collect(Collectors.joining(", ")));
        }
        Optional<String> repo = string(forge, "repo", file);
        if (repo.isEmpty()) {
            throw new SettingsException(file, key + ".repo is missing");
        }
        String repository = repo.get();
        if (!isOwnerAndName(repository)) {
            throw new SettingsException(file, key + ".repo: '" + repository + "' is not owner/name");
        }
        return new CheckpointRemoteSetting(Optional.of(provider), repository);
    }

    /** {@code owner/name}, each of letters, digits, {@code _}, {@code .} and {@code -}. */
    private static boolean isOwnerAndName(String repository) {
        int slash = repository.indexOf('/');
        if (slash <= 0 || slash == repository.length() - 1) {
            return false;
        }
        for (int i = 0; i < repository.length(); i++) {
            char c = repository.charAt(i);
            boolean allowed = Ascii.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || i == slash;
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    private static StoreMode storeMode(String value, Path file) {
        for (StoreMode mode : StoreMode.values()) {
            if (mode.settingValue().equals(value)) {
                return mode;
            }
        }
        throw new SettingsException(file, "strategy_options.checkpoint_store: unknown value '" + value
                + "'; allowed: " + Arrays.stream(StoreMode.values())
                .map(mode -> mode.settingValue().isEmpty() ? "unset (the v1 branch)" : mode.settingValue())
                .collect(Collectors.joining(", ")));
    }

    private static Optional<Boolean> bool(JsonObject json, String key, Path file) {
        Optional<JsonValue> value = json.find(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.get() instanceof JsonBoolean bool) {
            return Optional.of(bool.value());
        }
        throw new SettingsException(file, key + " must be true or false, not " + value.get().kind());
    }

    private static Optional<String> string(JsonObject json, String key, Path file) {
        Optional<JsonValue> value = json.find(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.get() instanceof JsonString string) {
            return Optional.of(string.value());
        }
        throw new SettingsException(file, key + " must be a string, not " + value.get().kind());
    }
}
