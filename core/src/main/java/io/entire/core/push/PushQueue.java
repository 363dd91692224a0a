package io.entire.core.push;

import static java.util.Objects.requireNonNull;

import io.entire.core.FileLocks;
import io.entire.core.Log;
import io.entire.core.git.RefName;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonWriter;
import io.entire.core.store.refs.RefsToPush;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The refs waiting to be pushed (FORMATS.md 5): {@code <git common dir>/entire-checkpoint-push-queue.jsonl}, one
 * {@code {"ref":"..."}} per line, every access under an exclusive lock on {@code entire-checkpoint-push-queue.lock},
 * so writers in other worktrees and processes never lose or tear a line. Entries leave only when a push confirmed
 * them.
 */
public final class PushQueue implements RefsToPush {
    private static final System.Logger LOG = Log.of(PushQueue.class);

    public static final String FILE = "entire-checkpoint-push-queue.jsonl";
    public static final String LOCK = "entire-checkpoint-push-queue.lock";

    private final Path file;
    private final Path lock;

    public PushQueue(Path commonDir) {
        requireNonNull(commonDir, "commonDir is null");
        this.file = commonDir.resolve(FILE);
        this.lock = commonDir.resolve(LOCK);
    }

    @Override
    public void add(RefName ref) {
        addAll(List.of(ref));
    }

    /** Appends the refs in one locked write. */
    public void addAll(Collection<RefName> refs) {
        if (refs.isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder(refs.size() * 64);
        for (RefName ref : refs) {
            lines.append(JsonWriter.compact(new JsonObject(Map.of("ref", new JsonString(ref.name()))))).append('\n');
        }
        withLock(() -> {
            Files.write(file, lines.toString().getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            return null;
        });
    }

    /** Whether Entire pushes this ref: its own refs and the v1 checkpoint branch, never a user's. */
    public static boolean holdsCheckpoints(RefName ref) {
        return ref.name().startsWith("refs/entire/") || ref.name().equals("refs/heads/entire/checkpoints/v1");
    }

    /**
     * The queued refs, de-duplicated, oldest first. Malformed lines, and lines naming a ref Entire does not push, are
     * logged and skipped.
     */
    public List<RefName> entries() {
        return withLock(() -> new ArrayList<>(readEntries()));
    }

    /** Removes the given refs; entries added meanwhile by other writers stay. */
    public void removeAll(Collection<RefName> done) {
        if (done.isEmpty()) {
            return;
        }
        Set<RefName> remove = Set.copyOf(done);
        withLock(() -> {
            Set<RefName> remaining = readEntries();
            remaining.removeAll(remove);
            StringBuilder lines = new StringBuilder();
            for (RefName ref : remaining) {
                lines.append(JsonWriter.compact(new JsonObject(Map.of("ref", new JsonString(ref.name())))))
                        .append('\n');
            }
            Path temporary = file.resolveSibling(FILE + ".tmp");
            Files.writeString(temporary, lines, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return null;
        });
    }

    /** Reads every well-formed entry; a line that is not UTF-8 or not an entry is logged and skipped. */
    private Set<RefName> readEntries() throws IOException {
        Set<RefName> refs = new LinkedHashSet<>();
        if (!Files.exists(file)) {
            return refs;
        }
        byte[] bytes = Files.readAllBytes(file);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();   // reports malformed input, never replaces
        JsonReader reader = new JsonReader();
        int number = 0;
        int start = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            number++;
            try {
                String line = decoder.decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
                if (!line.isBlank()) {
                    RefName ref = RefName.of(reader.parseObject(line.getBytes(StandardCharsets.UTF_8))
                            .findString("ref").orElseThrow(() -> new IllegalArgumentException("no \"ref\"")));
                    if (!holdsCheckpoints(ref)) {
                        throw new IllegalArgumentException(ref + " is not a ref Entire pushes");
                    }
                    refs.add(ref);
                }
            } catch (CharacterCodingException e) {
                LOG.log(Level.WARNING, file + ":" + number + ": skipping an entry that is not UTF-8");
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, file + ":" + number + ": skipping malformed entry: " + e.getMessage());
            }
            start = end + 1;
        }
        return refs;
    }

    private <T> T withLock(LockedAction<T> action) {
        try (FileLocks.Held held = FileLocks.lock(lock)) {
            return action.run();
        } catch (IOException e) {
            throw new UncheckedIOException("push queue " + file, e);
        }
    }

    /** Work done while holding the queue's lock. */
    private interface LockedAction<T> {
        T run() throws IOException;
    }
}
