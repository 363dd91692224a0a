package io.entire.core.session;

import static java.util.Objects.requireNonNull;

import io.entire.core.OwnFiles;
import io.entire.core.SmallFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Which state files hold a done session, so that hooks skip them unread: a file beside the states,
 * {@value #FILE}, one line per done session with the identity its state file had when it was read (file key,
 * modification time, size) and when the session was last updated. A line counts only while the file is still that
 * file, so a rewritten, replaced or missing state is read again: a stale, lost or missing cache costs reads, never a
 * wrong answer. It is replaced by an atomic rename; of two listings that race, the last one's cache stays.
 */
final class DoneSessions {
    static final String FILE = "done-sessions.cache";

    private final Path directory;
    private final Map<String, Entry> cached;
    private final Map<String, Entry> seen = new HashMap<>();
    private boolean changed;

    private DoneSessions(Path directory, Map<String, Entry> cached) {
        this.directory = directory;
        this.cached = cached;
    }

    /** The cache of a state directory; empty when there is none or it cannot be read. */
    static DoneSessions read(Path directory) {
        requireNonNull(directory, "directory is null");
        Map<String, Entry> cached = new HashMap<>();
        String text;
        try {
            text = new String(SmallFiles.read(directory.resolve(FILE)), StandardCharsets.UTF_8);
        } catch (IOException missingOrUnreadable) {
            return new DoneSessions(directory, cached);   // this listing rebuilds it
        }
        for (String line : text.split("\n")) {
            Entry.parse(line).ifPresent(entry -> cached.put(entry.id(), entry));
        }
        return new DoneSessions(directory, cached);
    }

    /** The identity of a state file now; empty when it is gone. */
    static Optional<Identity> identityOf(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return Optional.of(new Identity(String.valueOf(attributes.fileKey()),
                    attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS), attributes.size()));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the attributes of " + file, e);
        }
    }

    /** True when the session's state file is the one this cache saw done; remembers it for {@link #write}. */
    boolean skips(String id, Identity identity) {
        Entry entry = cached.get(id);
        if (entry != null && entry.identity().equals(identity)) {
            seen.put(id, entry);
            return true;
        }
        changed |= cached.containsKey(id);
        return false;
    }

    /** The session, whose state file had {@code identity} before it was read, is done. */
    void add(String id, Identity identity, Instant updatedAt) {
        seen.put(id, new Entry(id, identity, updatedAt.toEpochMilli()));
        changed = true;
    }

    /** The sessions this cache holds as done that were last updated before {@code cutoff}, by id. */
    List<String> updatedBefore(Instant cutoff) {
        List<String> ids = new ArrayList<>();
        for (Entry entry : cached.values()) {
            if (entry.updatedMillis() < cutoff.toEpochMilli()) {
                ids.add(entry.id());
            }
        }
        return ids;
    }

    /** Writes what this listing saw, when that differs from what it read (sessions that ended, or went away). */
    void write() {
        if (!changed && seen.size() == cached.size()) {
            return;
        }
        StringBuilder text = new StringBuilder();
        for (Entry entry : seen.values()) {
            text.append(entry.line()).append('\n');
        }
        // A name of its own per writer: hooks of one server list at the same time.
        Path temporary = directory.resolve(FILE + "." + ProcessHandle.current().pid() + "-"
                + Thread.currentThread().getId() + ".entire-tmp");
        try {
            Files.deleteIfExists(temporary);
            OwnFiles.createPrivateFile(temporary);
            SmallFiles.write(temporary, text.toString().getBytes(StandardCharsets.UTF_8));
            Files.move(temporary, directory.resolve(FILE), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + directory.resolve(FILE), e);
        }
    }

    /** What tells a state file from the one that replaced it: an atomic write makes a new file (a new key). */
    record Identity(String fileKey, long modifiedNanos, long size) {
        Identity {
            requireNonNull(fileKey, "fileKey is null");
        }
    }

    /** One line of the cache; a damaged line is left out, and its session read again. */
    private record Entry(String id, Identity identity, long updatedMillis) {
        String line() {
            return id + '\t' + identity.fileKey() + '\t' + identity.modifiedNanos() + '\t' + identity.size() + '\t'
                    + updatedMillis;
        }

        static Optional<Entry> parse(String line) {
            String[] fields = line.split("\t");
            if (fields.length != 5) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Entry(fields[0], new Identity(fields[1], Long.parseLong(fields[2]),
                        Long.parseLong(fields[3])), Long.parseLong(fields[4])));
            } catch (NumberFormatException damaged) {
                return Optional.empty();
            }
        }
    }
}
