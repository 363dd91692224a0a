package io.entire.core;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What tells a file from the one that replaced it or its own earlier content: an atomic write makes a new file (a new
 * key), and a write in place moves the modification time or the size.
 */
public record FileIdentity(String fileKey, long modifiedNanos, long size) {
    public FileIdentity {
        requireNonNull(fileKey, "fileKey is null");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FileIdentity identity && fileKey.equals(identity.fileKey)
                && modifiedNanos == identity.modifiedNanos && size == identity.size;
    }

    @Override
    public int hashCode() {
        return fileKey.hashCode() * 31 + Long.hashCode(modifiedNanos) * 17 + Long.hashCode(size);
    }

    /** The identity of {@code file} now (not following a link); empty when it is gone. */
    public static Optional<FileIdentity> of(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return Optional.of(new FileIdentity(String.valueOf(attributes.fileKey()),
                    attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS), attributes.size()));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the attributes of " + file, e);
        }
    }
}
