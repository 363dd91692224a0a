package io.entire.core.store;

import static java.util.Objects.requireNonNull;

import io.entire.core.Environment;
import io.entire.core.FileLocks;
import io.entire.core.Sha256;
import io.entire.core.git.DetachedJavaProcess;
import io.entire.core.git.GitRepository;
import io.entire.core.git.ObjectId;
import io.entire.core.git.ObjectPacks;
import io.entire.core.git.ObjectPacks.PackFile;
import io.entire.core.git.RefName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Keeps the checkpoint objects written since the last {@code git gc} in one pack of ours, rewritten after each
 * checkpoint with git's deltas between consecutive versions of a transcript; a plain {@code git gc} reuses those
 * deltas, so a growing session costs about one compressed copy of its transcript, not one per checkpoint. The user's
 * own objects and packs are never rewritten, and a pack of ours is removed only when the new one holds its every
 * object, so a kill at any point loses nothing. One packer at a time per repository; none while git gc runs.
 */
public final class CheckpointPacker {
    /** Which packs are ours, and the checkpoint ref tips they were written for. */
    static final String RECORD = "entire-checkpoint-packs";
    private static final String LOCK = RECORD + ".lock";
    private static final String TIPS = "tips ";
    /**
     * A pack of ours this big is left to git gc instead of being rewritten after every checkpoint: a rewrite copies
     * it whole, and a session's next transcript then starts a new delta chain (one more compressed copy).
     */
    static final long REWRITE_LIMIT_BYTES = 64L << 20;
    private static final int MAX_ROUNDS = 3;
    private static final Duration GC_PID_STALE = Duration.ofHours(12);
    private static final List<String> CHECKPOINT_REFS = List.of("refs/entire/checkpoints/",
            "refs/heads/entire/checkpoints/v1");

    private final GitRepository repository;

    public CheckpointPacker(GitRepository repository) {
        this.repository = requireNonNull(repository, "repository is null");
    }

    /** The packer of the repository git finds from {@code directory}. */
    public static CheckpointPacker of(Path directory, Environment environment) {
        return new CheckpointPacker(GitRepository.open(directory, environment));
    }

    /**
     * Starts the command that packs ({@code mainClass args}, this program) detached in {@code workTree}, so that
     * nobody waits for it; false, with nothing started, when this JVM cannot tell its own executable or class path.
     */
    public static boolean startDetached(Path workTree, Map<String, String> environment, String mainClass,
            List<String> args) {
        return new DetachedJavaProcess(workTree, environment).start(mainClass, args);
    }

    /** What one {@link #pack()} did. */
    public enum Outcome {
        /** A new pack holds the checkpoint objects written since the last gc. */
        PACKED,
        /** The checkpoint refs are where the last packing left them. */
        UNCHANGED,
        /** Another packer or a git gc is running; it packs what is there. */
        BUSY
    }

    /** Packs, again while checkpoints keep landing meanwhile (at most three rounds); what the first round did. */
    public Outcome pack() {
        Path commonDir = repository.commonDir();
        try {
            if (gcRunning(commonDir.resolve("gc.pid"))) {
                return Outcome.BUSY;   // gc rewrites every pack; ours would be merged or removed under us
            }
            Optional<FileLocks.Held> held = FileLocks.tryLock(commonDir.resolve(LOCK));
            if (held.isEmpty()) {
                return Outcome.BUSY;
            }
            try (FileLocks.Held lock = held.get()) {
                // A checkpoint written meanwhile found the lock taken: its objects are packed in the next round.
                Outcome outcome = packLocked(commonDir.resolve(RECORD));
                for (int round = 1; round < MAX_ROUNDS && outcome == Outcome.PACKED; round++) {
                    if (packLocked(commonDir.resolve(RECORD)) == Outcome.UNCHANGED) {
                        break;
                    }
                }
                return outcome;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("packing the checkpoints of " + commonDir, e);
        }
    }

    /** git gc's own rule: its pid file says a gc runs, unless it is older than a gc could take (a killed gc's). */
    private static boolean gcRunning(Path pidFile) throws IOException {
        try {
            return Files.getLastModifiedTime(pidFile).toInstant().isAfter(Instant.now().minus(GC_PID_STALE));
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private Outcome packLocked(Path recordFile) throws IOException {
        Map<RefName, ObjectId> tips = checkpointTips();
        String digest = digest(tips);
        List<String> record = Files.exists(recordFile) ? Files.readAllLines(recordFile) : List.of();
        if (record.contains(TIPS + digest)) {
            return Outcome.UNCHANGED;
        }
        ObjectPacks packs = repository.objectPacks();
        List<PackFile> ours = new ArrayList<>();
        List<PackFile> others = new ArrayList<>();
        for (PackFile pack : packs.list()) {
            boolean rewritable = !pack.kept() && pack.bytes() < REWRITE_LIMIT_BYTES;
            (rewritable && record.contains(pack.name()) ? ours : others).add(pack);
        }
        Optional<PackFile> written = packs.write(Set.copyOf(tips.values()), others);
        List<String> kept = new ArrayList<>();
        written.ifPresent(pack -> kept.add(pack.name()));
        Set<ObjectId> packed = written.map(packs::objects).orElse(Set.of());
        for (PackFile old : ours) {
            if (written.isPresent() && old.name().equals(written.get().name())) {
                continue;
            }
            if (packed.containsAll(packs.objects(old))) {
                packs.delete(old);
            }   // else it holds objects no checkpoint ref reaches any more: no longer ours, git gc decides
        }
        packs.pruneLooseCopies();
        kept.add(TIPS + digest);
        writeRecord(recordFile, kept);
        return Outcome.PACKED;
    }

    private Map<RefName, ObjectId> checkpointTips() {
        Map<RefName, ObjectId> tips = new TreeMap<>((left, right) -> left.name().compareTo(right.name()));
        for (String prefix : CHECKPOINT_REFS) {
            tips.putAll(repository.refs().list(prefix));
        }
        return tips;
    }

    private static String digest(Map<RefName, ObjectId> tips) {
        StringBuilder listing = new StringBuilder();
        tips.forEach((ref, id) -> listing.append(id.hex()).append(' ').append(ref.name()).append('\n'));
        return Sha256.contentHash(listing.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void writeRecord(Path recordFile, List<String> lines) throws IOException {
        Path temporary = recordFile.resolveSibling(recordFile.getFileName() + ".tmp");
        Files.write(temporary, lines);
        Files.move(temporary, recordFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
