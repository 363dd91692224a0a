package io.entire.core.settings;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * {@code strategy_options.checkpoint_remote}: where checkpoints are pushed and fetched instead of the code remote.
 * Either a git URL or a configured remote's name ({@code location}, no provider), or a forge repository
 * ({@code {"provider": "github", "repo": "org/repo"}}: {@code provider} set, {@code location} is {@code org/repo}).
 */
public record CheckpointRemoteSetting(Optional<String> provider, String location) {
    public CheckpointRemoteSetting {
        requireNonNull(provider, "provider is null");
        requireNonNull(location, "location is null");
        if (location.isBlank() || location.startsWith("-") || hasWhitespace(location)) {
            throw new IllegalArgumentException("invalid checkpoint remote '" + location + "'");
        }
    }

    private static boolean hasWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** A git URL or a remote name. */
    public static CheckpointRemoteSetting of(String urlOrName) {
        return new CheckpointRemoteSetting(Optional.empty(), urlOrName);
    }

    /** How the settings file spells it, for messages. */
    public String describe() {
        return provider.map(forge -> forge + ":" + location).orElse(location);
    }
}
