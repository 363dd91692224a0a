package io.entire.core.store;

import static java.util.Objects.requireNonNull;

import io.entire.core.Log;
import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import java.util.zip.Checksum;

/**
 * Listings already read, each keyed by the git object that holds its checkpoint folder (a ref's tip commit, or the
 * folder's tree), in one file of the git directory. Objects never change, so an entry stays right for as long as its
 * object is what the store lists; a listing is read from git again only when its object is new. A missing, damaged
 * or unwritable file costs a full read and is never an error. Listings with a problem are not kept: a blob missing
 * from a partial clone today may be fetched tomorrow.
 */
public final class ListingCache {
    private static final System.Logger LOG = Log.of(ListingCache.class);
    private static final int MAGIC = 0x454c4331;   // "ELC1": a file of another format or version reads as damaged
    private static final int MAX_TEXT = 1 << 24;   // a damaged length must not allocate gigabytes
    private static final String PREFIX = "entire-listing-cache-";

    private final Path file;

    /** A cache kept in {@code file}, which need not exist. */
    public ListingCache(Path file) {
        this.file = requireNonNull(file, "file is null");
    }

    /** The cache file of one store in the repository whose git common directory is {@code commonDir}. */
    public static ListingCache of(Path commonDir, StoreKind kind) {
        return new ListingCache(commonDir.resolve(PREFIX + kind.name().toLowerCase(Locale.ROOT)));
    }

    public Path file() {
        return file;
    }

    /**
     * Deletes the cache files of every store in the repository whose git common directory is {@code commonDir}, and
     * any temporary file a writer left; what cannot be deleted is logged and left.
     */
    public static void deleteAll(Path commonDir) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(commonDir, PREFIX + "*")) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.log(Level.INFO, "listing caches in " + commonDir + " not all deleted: " + e);
        }
    }

    /** The listings the cache holds, in the order they were written; none when the file is missing or damaged. */
    public Entries read() {
        try (InputStream file = Files.newInputStream(this.file)) {
            CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(file, 1 << 16), new CRC32());
            return decode(new DataInputStream(checked), checked.getChecksum());
        } catch (NoSuchFileException e) {
            return Entries.NONE;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.INFO, "listing cache " + file + " unreadable or damaged, reading every checkpoint: " + e);
            return Entries.NONE;
        }
    }

    /** Cached listings in the order they were written, each found by its folder object. */
    public static final class Entries {
        static final Entries NONE = new Entries(Map.of(), List.of(), List.of());

        private final Map<ObjectId, Integer> positions;
        private final List<ObjectId> folders;
        private final List<CheckpointListing> listings;

        private Entries(Map<ObjectId, Integer> positions, List<ObjectId> folders, List<CheckpointListing> listings) {
            this.positions = positions;
            this.folders = folders;
            this.listings = listings;
        }

        /** The position of the listing of {@code folder}, or -1 when the cache holds none. */
        public int indexOf(ObjectId folder) {
            Integer position = positions.get(folder);
            return position == null ? -1 : position;
        }

        public ObjectId folder(int position) {
            return folders.get(position);
        }

        public CheckpointListing listing(int position) {
            return listings.get(position);
        }

        public int size() {
            return listings.size();
        }
    }

    /**
     * Replaces the cache with these listings (those with a problem are left out), atomically: a reader sees the old
     * file or the new one. A failure is logged and leaves the old file, or none.
     */
    public void write(List<ObjectId> folders, List<CheckpointListing> listings) {
        byte[] bytes;
        Path temporary;
        try {
            bytes = encode(folders, listings);
            temporary = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp");
        } catch (IOException e) {
            LOG.log(Level.INFO, "listing cache " + file + " not written: " + e);
            return;
        }
        try {
            Files.write(temporary, bytes);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.log(Level.INFO, "listing cache " + file + " not written: " + e);
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException left) {
                LOG.log(Level.INFO, "leftover " + temporary + " not deleted: " + left);
            }
        }
    }

    private static byte[] encode(List<ObjectId> folders, List<CheckpointListing> listings) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(listings.size() * 160 + 64);
        CheckedOutputStream checked = new CheckedOutputStream(buffer, new CRC32());
        DataOutputStream out = new DataOutputStream(checked);
        out.writeInt(MAGIC);
        Set<ObjectId> written = new HashSet<>();
        List<Integer> kept = new ArrayList<>(listings.size());
        for (int i = 0; i < listings.size(); i++) {
            if (listings.get(i).problem().isEmpty() && written.add(folders.get(i))) {
                kept.add(i);
            }
        }
        out.writeInt(kept.size());
        for (int i : kept) {
            CheckpointListing listing = listings.get(i);
            writeText(out, folders.get(i).hex());
            writeText(out, listing.id().value());
            out.writeBoolean(listing.createdAt().isPresent());
            if (listing.createdAt().isPresent()) {
                out.writeLong(listing.createdAt().get().getEpochSecond());
                out.writeInt(listing.createdAt().get().getNano());
            }
            writeOptional(out, listing.branch());
            out.writeInt(listing.sessionCount());
            out.writeInt(listing.filesTouched().size());
            for (String path : listing.filesTouched()) {
                writeText(out, path);
            }
            writeOptional(out, listing.firstPrompt());
        }
        out.flush();
        new DataOutputStream(buffer).writeLong(checked.getChecksum().getValue());
        return buffer.toByteArray();
    }

    private static Entries decode(DataInputStream in, Checksum checksum) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("not a listing cache of this version");
        }
        int count = in.readInt();
        if (count < 0) {
            throw new IOException("negative count");
        }
        Map<ObjectId, Integer> positions = new HashMap<>(Math.max(16, count * 4 / 3 + 1));
        List<ObjectId> folders = new ArrayList<>(Math.min(count, 1 << 20));
        List<CheckpointListing> listings = new ArrayList<>(Math.min(count, 1 << 20));
        // Branches and paths repeat across checkpoints; one copy of each keeps a large listing's heap small.
        Map<String, String> shared = new HashMap<>();
        for (int i = 0; i < count; i++) {
            ObjectId folder = ObjectId.of(readText(in));
            CheckpointId id = CheckpointId.parse(readText(in))
                    .orElseThrow(() -> new IOException("invalid checkpoint id"));
            Optional<Instant> createdAt = in.readBoolean()
                    ? Optional.of(Instant.ofEpochSecond(in.readLong(), in.readInt())) : Optional.empty();
            Optional<String> branch = readOptional(in).map(text -> shared.computeIfAbsent(text, same -> same));
            int sessions = in.readInt();
            int files = in.readInt();
            List<String> filesTouched = new ArrayList<>(Math.min(files, 1024));
            for (int file = 0; file < files; file++) {
                filesTouched.add(shared.computeIfAbsent(readText(in), same -> same));
            }
            positions.put(folder, listings.size());
            folders.add(folder);
            listings.add(new CheckpointListing(id, createdAt, branch, sessions, filesTouched, readOptional(in),
                    Optional.empty()));
        }
        long computed = checksum.getValue();
        if (in.readLong() != computed || in.read() != -1) {
            throw new IOException("checksum mismatch or trailing bytes");
        }
        return new Entries(positions, folders, listings);
    }

    private static void writeOptional(DataOutputStream out, Optional<String> text) throws IOException {
        out.writeBoolean(text.isPresent());
        if (text.isPresent()) {
            writeText(out, text.get());
        }
    }

    private static Optional<String> readOptional(DataInputStream in) throws IOException {
        return in.readBoolean() ? Optional.of(readText(in)) : Optional.empty();
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readText(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_TEXT) {
            throw new IOException("bad text length " + length);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
