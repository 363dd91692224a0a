package io.entire.core.agent.codex;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;

/**
 * Codex's {@code config.toml} as a TOML reader sees it, whatever form its tables take (headers, dotted keys, inline
 * tables, either kind of quotes): what {@link CodexHookTrust} checks before it edits the file line by line, and what
 * it checks the edited text against. The only class that uses the TOML parser, which the hooks' class path lacks.
 */
final class CodexConfigToml {
    private final TomlParseResult document;

    private CodexConfigToml(TomlParseResult document) {
        this.document = document;
    }

    /** {@code text}, read from {@code file}; an {@link EntireException} naming both when it is not valid TOML. */
    static CodexConfigToml read(Path file, String text) {
        requireNonNull(file, "file is null");
        TomlParseResult document = Toml.parse(requireNonNull(text, "text is null"));
        if (document.hasErrors()) {
            TomlParseError first = document.errors().get(0);
            throw new EntireException(EntireException.Category.STATE, file + " is not valid TOML (line "
                    + first.position().line() + ": " + first.getMessage() + "); Entire edits it only once Codex can"
                    + " read it: fix it and try again");
        }
        return new CodexConfigToml(document);
    }

    /** The string at {@code keys} (each key as TOML reads it, quotes removed), if there is one. */
    Optional<String> string(List<String> keys) {
        return document.get(keys) instanceof String text ? Optional.of(text) : Optional.empty();
    }

    /**
     * What keeps {@code text} from being valid TOML holding each of {@code values} (keys to string), or empty: an
     * edit made line by line must give that.
     */
    static Optional<String> problem(String text, Map<List<String>, String> values) {
        TomlParseResult document = Toml.parse(text);
        if (document.hasErrors()) {
            TomlParseError first = document.errors().get(0);
            return Optional.of("line " + first.position().line() + ": " + first.getMessage());
        }
        CodexConfigToml edited = new CodexConfigToml(document);
        return values.entrySet().stream()
                .filter(value -> !edited.string(value.getKey()).equals(Optional.of(value.getValue())))
                .map(value -> String.join(".", value.getKey()) + " does not read as \"" + value.getValue() + "\"")
                .findFirst();
    }
}
