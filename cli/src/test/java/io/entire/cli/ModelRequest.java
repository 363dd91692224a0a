package io.entire.cli;

import static java.util.Objects.requireNonNull;

import io.entire.core.json.JsonObject;

/**
 * A request a {@link ModelApi} answers: how the log names it ({@code #n METHOD uri}), its path, the size of its body
 * (a token count's estimate) and the body.
 */
record ModelRequest(String described, String path, int bodyBytes, JsonObject json) {
    ModelRequest {
        requireNonNull(described, "described is null");
        requireNonNull(path, "path is null");
        if (bodyBytes < 0) {
            throw new IllegalArgumentException("negative body size: " + bodyBytes);
        }
        requireNonNull(json, "json is null");
    }
}
