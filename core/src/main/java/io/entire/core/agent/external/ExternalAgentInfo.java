package io.entire.core.agent.external;

import static java.util.Objects.requireNonNull;

import io.entire.core.json.JsonBoolean;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonValue;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an external agent's binary answers to {@code info}: its protocol version (only
 * {@link #PROTOCOL_VERSION} is spoken), its name, the name stored in checkpoints ({@code type}), the native hook names
 * it takes and the optional parts of the protocol it implements ({@code capabilities}: {@code hooks},
 * {@code transcript_analyzer}, {@code token_calculator}, ...).
 */
public record ExternalAgentInfo(String name, String type, String description, List<String> hookNames,
        Set<String> capabilities) {
    /** The protocol version of the Go tool's external agents that this program speaks. */
    public static final long PROTOCOL_VERSION = 1;

    public ExternalAgentInfo {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(description, "description is null");
        hookNames = List.copyOf(hookNames);
        capabilities = Set.copyOf(capabilities);
    }

    /** The info {@code binary} printed; anything this program cannot speak to is an {@link ExternalAgentException}. */
    static ExternalAgentInfo parse(Path binary, JsonObject json) {
        Optional<Long> version = json.findLong("protocol_version");
        if (version.isEmpty() || version.get() != PROTOCOL_VERSION) {
            throw new ExternalAgentException(binary, "speaks protocol version "
                    + version.map(String::valueOf).orElse("(none)") + ", this version speaks " + PROTOCOL_VERSION);
        }
        String name = json.findString("name").orElse("");
        String type = json.findString("type").orElse("");
        if (name.isBlank() || type.isBlank()) {
            throw new ExternalAgentException(binary, "its info has no name or type");
        }
        Set<String> capabilities = new TreeSet<>();
        for (Map.Entry<String, JsonValue> capability : json.findObject("capabilities").orElse(JsonObject.EMPTY)
                .members().entrySet()) {
            if (capability.getValue() instanceof JsonBoolean declared && declared.value()) {
                capabilities.add(capability.getKey());
            }
        }
        return new ExternalAgentInfo(name, type, json.findString("description").orElse(""),
                json.strings("hook_names"), capabilities);
    }

    public boolean declares(String capability) {
        return capabilities.contains(capability);
    }
}
