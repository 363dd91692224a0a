package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.Log;
import io.entire.core.OwnFiles;
import io.entire.core.Sha256;
import io.entire.core.SmallFiles;
import io.entire.core.git.GitWorkers;
import io.entire.core.id.SessionId;
import io.entire.core.redact.RedactionRules;
import io.entire.core.session.SessionStore;
import io.entire.core.store.TranscriptChunks;
import io.entire.core.store.TranscriptPrefix;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * The redacted prefix of a session's transcript, kept beside the session's state between checkpoints
 * ({@code <session-id>.redacted.jsonl}, described by {@code <session-id>.redacted-prefix}; both go with the state), so
 * that a checkpoint redacts and stores only what the transcript gained since the last one. Used under the session's
 * lock. What it holds is checked before use: the transcript still starts with the bytes it was made of (CRC-32C of
 * each segment), the same version, rules and chunk limit made it, its redacted file is whole, the chunks it names are
 * still in the repository. Anything else, a damaged description included, starts again from the transcript's first
 * byte.
 */
final class RedactionCache {
    private static final System.Logger LOG = Log.of(RedactionCache.class);
    private static final int CRC_BUFFER = 1 << 20;

    private final Path redacted;
    private final Path description;
    private final GitWorkers workers;
    private final String key;

    /**
     * @param workers the caller's git processes, used from the caller's thread: its reader tells whether the chunks
     *                are still there
     * @param key what the redaction depends on ({@link #key(String, RedactionRules, TranscriptChunks)})
     */
    RedactionCache(Path sessionsDirectory, SessionId session, GitWorkers workers, String key) {
        requireNonNull(sessionsDirectory, "sessionsDirectory is null");
        requireNonNull(session, "session is null");
        this.redacted = sessionsDirectory.resolve(session.value() + SessionStore.REDACTED_TRANSCRIPT);
        this.description = sessionsDirectory.resolve(session.value() + SessionStore.REDACTED_PREFIX);
        this.workers = requireNonNull(workers, "workers is null");
        this.key = requireNonNull(key, "key is null");
    }

    /** What the redaction depends on: a prefix made under another key is not used. */
    static String key(String cliVersion, RedactionRules rules, TranscriptChunks chunks) {
        StringBuilder key = new StringBuilder(cliVersion).append('\n').append(chunks.limit());
        for (List<Pattern> patterns : List.of(rules.allow(), rules.patterns())) {
            key.append('\n');
            for (Pattern pattern : patterns) {
                key.append(pattern.flags()).append('/').append(pattern.pattern()).append('\0');
            }
        }
        return Sha256.contentHash(key.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The file that holds the redacted prefix (and, while a checkpoint is written, what follows it). */
    Path redactedFile() {
        return redacted;
    }

    /** The prefix that still holds for {@code source}, with the redacted file cut back to it (empty if none does). */
    RedactedPrefix load(Path source) {
        RedactedPrefix prefix = find(source).orElseGet(() -> RedactedPrefix.empty(source, key));
        try {
            if (!Files.exists(redacted, LinkOption.NOFOLLOW_LINKS)) {
                OwnFiles.createPrivateFile(redacted);
            }
            // Never through a link: the file is written, and cut, in place.
            try (FileChannel channel = FileChannel.open(redacted, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
                channel.truncate(prefix.end().redactedEnd());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("preparing " + redacted, e);
        }
        return prefix;
    }

    /** Records {@code prefix} as the one the redacted file holds. */
    void save(RedactedPrefix prefix) {
        Path temporary = description.resolveSibling(description.getFileName() + ".entire-tmp");
        try {
            // A fresh file, never whatever a killed writer left under that name.
            Files.deleteIfExists(temporary);
            OwnFiles.createPrivateFile(temporary);
            SmallFiles.write(temporary, prefix.toBytes());
            Files.move(temporary, description, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + description, e);
        }
    }

    private Optional<RedactedPrefix> find(Path source) {
        RedactedPrefix prefix;
        try {
            prefix = RedactedPrefix.fromBytes(SmallFiles.read(description));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + description, e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ignoring " + description + " (" + e.getMessage() + "): the transcript is redacted "
                    + "again from its start");
            return Optional.empty();
        }
        try {
            if (!prefix.source().equals(source) || !prefix.key().equals(key)
                    || Files.size(redacted) < prefix.end().redactedEnd() || !sourceUnchanged(prefix)) {
                return Optional.empty();
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("checking " + source + " against " + description, e);
        }
        TranscriptPrefix stored = prefix.stored();
        if (!stored.chunks().stream().allMatch(chunk -> workers.reader().contains(chunk.blob()))) {
            // The chunks went from the repository (a checkpoint deleted, then gc): write them again.
            stored = new TranscriptPrefix(stored.hash(), List.of());
        }
        return Optional.of(new RedactedPrefix(prefix.source(), prefix.key(), prefix.segments(), stored,
                prefix.writes()));
    }

    /** Whether the transcript still starts with the bytes each segment was made of: appended to, not rewritten. */
    private static boolean sourceUnchanged(RedactedPrefix prefix) throws IOException {
        if (Files.size(prefix.source()) < prefix.end().sourceEnd()) {
            return false;
        }
        ByteBuffer buffer = ByteBuffer.allocateDirect(CRC_BUFFER);
        try (FileChannel channel = FileChannel.open(prefix.source(), StandardOpenOption.READ)) {
            long start = 0;
            for (RedactedPrefix.Segment segment : prefix.segments()) {
                if (crc32c(channel, start, segment.sourceEnd(), buffer) != segment.crc32c()) {
                    return false;
                }
                start = segment.sourceEnd();
            }
        }
        return true;
    }

    /** The CRC-32C of the bytes [from, to) of {@code file}. */
    static long crc32c(Path file, long from, long to) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return crc32c(channel, from, to, ByteBuffer.allocateDirect(CRC_BUFFER));
        }
    }

    private static long crc32c(FileChannel channel, long from, long to, ByteBuffer buffer) throws IOException {
        CRC32C crc = new CRC32C();
        long position = from;
        while (position < to) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), to - position));
            int read = channel.read(buffer, position);
            if (read < 0) {
                throw new IOException("the file ends at " + position + ", before " + to);
            }
            position += read;
            crc.update(buffer.flip());
        }
        return crc.getValue();
    }
}
