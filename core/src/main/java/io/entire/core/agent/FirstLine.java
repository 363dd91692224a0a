package io.entire.core.agent;

import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The first line of a JSON Lines transcript as an object, where agents keep what names their files (the start time).
 * Only a restore uses it; the hooks, which load the locators, never load this class or its exceptions.
 */
public final class FirstLine {
    private FirstLine() {
    }

    /** The first line's object; {@link JsonObject#EMPTY} when the file is empty or its first line is no object. */
    public static JsonObject of(Path transcript) {
        try (BufferedReader lines = Files.newBufferedReader(transcript, StandardCharsets.UTF_8)) {
            String line = lines.readLine();
            return line == null ? JsonObject.EMPTY
                    : new JsonReader().parseObject(line.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("reading transcript " + transcript, e);
        } catch (RuntimeException notAnObject) {
            return JsonObject.EMPTY;   // a name part it would give is taken from elsewhere
        }
    }

    /** {@code text} as an ISO-8601 instant ({@code 2026-12-04T21:22:05.827Z}), or empty when it is none. */
    public static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException notATime) {
            return Optional.empty();
        }
    }
}
