package io.entire.core.attribution;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** Every blamed line of a file (or of the range asked for), with who wrote it; {@code path} is repository-relative. */
public record FileAttribution(String path, List<AttributedLine> lines) {
    public FileAttribution {
        requireNonNull(path, "path is null");
        lines = List.copyOf(lines);
    }
}
