package io.entire.core.store;

import static java.util.Objects.requireNonNull;

import io.entire.core.Log;
import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * Listings already read, each keyed by the git object that holds its checkpoint folder (a ref's tip commit, or the
 * folder's tree), in one file of the git directory. Objects never change, so an entry stays right for as long as its
 * object is what the store lists; a listing is read from git again only when its object is new. A missing, damaged
 * or unwritable file costs a full read and is never an error. Listings with a problem are not kept: a blob missing
 * from a partial clone today may be fetched tomorrow. The file also names the source the store listed its folders
 * from (see {@link Entries#source}), so that a listing whose source has not changed needs no look-up at all.
 */
public final class ListingCache {
    private static final System.Logger LOG = Log.of(ListingCache.class);
    private static final int MAGIC = 0x454c4332;   // "ELC2": a file of another format or version reads as damaged
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
        try {
            return decode(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Entries.none();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.INFO, "listing cache " + file + " unreadable or damaged, reading every checkpoint: " + e);
            return Entries.none();
        }
    }

    /**
     * Cached listings in the order they were written, each found by its folder object, and the source they were
     * listed from. The folders are decoded only when one is asked for; one thread only.
     */
    public static final class Entries {
        private final String source;
        private final List<CheckpointListing> listings;
        private final byte[] bytes;
        private final int foldersStart;
        private List<ObjectId> folders;
        private Map<ObjectId, Integer> positions;

        private Entries(String source, List<CheckpointListing> listings, byte[] bytes, int foldersStart) {
            this.source = source;
            this.listings = listings;
            this.bytes = bytes;
            this.foldersStart = foldersStart;
        }

        static Entries none() {
            return new Entries("", List.of(), new byte[0], 0);
        }

        /**
         * What the store listed its folders from when it wrote these listings (its refs, say), or empty: when the
         * store's source is still the same, these listings are its listing as they stand.
         */
        public String source() {
            return source;
        }

        /** The position of the listing of {@code folder}, or -1 when the cache holds none. */
        public int indexOf(ObjectId folder) {
            if (positions == null) {
                positions = new HashMap<>(Math.max(16, listings.size() * 4 / 3 + 1));
                for (int i = 0; i < listings.size(); i++) {
                    positions.put(folder(i), i);
                }
            }
            Integer position = positions.get(folder);
            return position == null ? -1 : position;
        }

        public ObjectId folder(int position) {
            if (folders == null) {
                Reader in = new Reader(bytes, foldersStart);
                List<ObjectId> decoded = new ArrayList<>(listings.size());
                for (int i = 0; i < listings.size(); i++) {
                    decoded.add(ObjectId.of(in.text()));
                }
                folders = decoded;
            }
            return folders.get(position);
        }

        public CheckpointListing listing(int position) {
            return listings.get(position);
        }

        /** Every cached listing, in the order they were written. */
        public List<CheckpointListing> listings() {
            return listings;
        }

        public int size() {
            return listings.size();
        }
    }

    /**
     * Replaces the cache with these listings (those with a problem are left out), recording the {@code source} they
     * were listed from, atomically: a reader sees the old file or the new one. A failure is logged and leaves the old
     * file, or none.
     */
    public void write(String source, List<ObjectId> folders, List<CheckpointListing> listings) {
        byte[] bytes;
        Path temporary;
        try {
            bytes = encode(source, folders, listings);
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

    /**
     * The file: a header (magic, source, count), a table of the distinct texts the listings show (branches, paths,
     * prompts repeat across checkpoints), the listings referring to it, the folders, and a CRC-32C of all before it.
     */
    private static byte[] encode(String source, List<ObjectId> folders, List<CheckpointListing> listings)
            throws IOException {
        Set<ObjectId> written = new HashSet<>();
        List<Integer> kept = new ArrayList<>(listings.size());
        Map<String, Integer> texts = new LinkedHashMap<>();
        for (int i = 0; i < listings.size(); i++) {
            CheckpointListing listing = listings.get(i);
            if (listing.problem().isEmpty() && written.add(folders.get(i))) {
                kept.add(i);
                listing.branch().ifPresent(branch -> texts.putIfAbsent(branch, texts.size()));
                listing.filesTouched().forEach(path -> texts.putIfAbsent(path, texts.size()));
                listing.firstPrompt().ifPresent(prompt -> texts.putIfAbsent(prompt, texts.size()));
            }
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(kept.size() * 80 + 64);
        DataOutputStream out = new DataOutputStream(buffer);
        out.writeInt(MAGIC);
        writeText(out, source);
        out.writeInt(kept.size());
        out.writeInt(texts.size());
        for (String text : texts.keySet()) {
            writeText(out, text);
        }
        for (int i : kept) {
            CheckpointListing listing = listings.get(i);
            writeText(out, listing.id().value());
            out.writeBoolean(listing.createdAt().isPresent());
            if (listing.createdAt().isPresent()) {
                out.writeLong(listing.createdAt().get().getEpochSecond());
                out.writeInt(listing.createdAt().get().getNano());
            }
            out.writeInt(listing.branch().map(texts::get).orElse(-1));
            out.writeInt(listing.sessionCount());
            out.writeInt(listing.filesTouched().size());
            for (String path : listing.filesTouched()) {
                out.writeInt(texts.get(path));
            }
            out.writeInt(listing.firstPrompt().map(texts::get).orElse(-1));
        }
        for (int i : kept) {
            writeText(out, folders.get(i).hex());
        }
        out.flush();
        CRC32C checksum = new CRC32C();
        checksum.update(buffer.toByteArray());
        out.writeLong(checksum.getValue());
        return buffer.toByteArray();
    }

    private static Entries decode(byte[] bytes) throws IOException {
        if (bytes.length < 12) {
            throw new IOException("too short");
        }
        CRC32C checksum = new CRC32C();
        checksum.update(bytes, 0, bytes.length - 8);
        if (new Reader(bytes, bytes.length - 8).longInteger() != checksum.getValue()) {
            throw new IOException("checksum mismatch");
        }
        Reader in = new Reader(bytes, 0);
        if (in.integer() != MAGIC) {
            throw new IOException("not a listing cache of this version");
        }
        String source = in.text();
        int count = in.count();
        String[] texts = new String[in.count()];
        List<Optional<String>> optionalTexts = new ArrayList<>(texts.length);
        for (int i = 0; i < texts.length; i++) {
            texts[i] = in.text();
            optionalTexts.add(Optional.of(texts[i]));
        }
        List<CheckpointListing> listings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            CheckpointId id = CheckpointId.parse(in.text()).orElseThrow(() -> new IOException("invalid checkpoint id"));
            Optional<Instant> createdAt = in.bool() ? Optional.of(Instant.ofEpochSecond(in.longInteger(),
                    in.integer())) : Optional.empty();
            Optional<String> branch = in.optional(optionalTexts);
            int sessions = in.integer();
            String[] files = new String[in.count()];
            for (int file = 0; file < files.length; file++) {
                files[file] = texts[in.index(texts.length)];
            }
            listings.add(new CheckpointListing(id, createdAt, branch, sessions, List.of(files),
                    in.optional(optionalTexts), Optional.empty()));
        }
        int foldersStart = in.position();
        for (int i = 0; i < count; i++) {
            in.skipObjectId();
        }
        if (in.position() != bytes.length - 8) {
            throw new IOException("trailing bytes");
        }
        return new Entries(source, Collections.unmodifiableList(listings), bytes, foldersStart);
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** Reads the file's big-endian fields in place; a field past the end is an IndexOutOfBoundsException. */
    private static final class Reader {
        private final ByteBuffer buffer;

        Reader(byte[] bytes, int position) {
            this.buffer = ByteBuffer.wrap(bytes);
            buffer.position(position);
        }

        int position() {
            return buffer.position();
        }

        int integer() {
            return buffer.getInt();
        }

        long longInteger() {
            return buffer.getLong();
        }

        boolean bool() {
            return buffer.get() != 0;
        }

        /** A count or length: a damaged one must not allocate gigabytes. */
        int count() {
            int count = buffer.getInt();
            if (count < 0 || count > buffer.remaining()) {
                throw new IllegalStateException("bad count " + count);
            }
            return count;
        }

        int index(int size) {
            return index(buffer.getInt(), size);
        }

        /** A text of the table by its index, -1 for none. */
        Optional<String> optional(List<Optional<String>> texts) {
            int index = buffer.getInt();
            return index == -1 ? Optional.empty() : texts.get(index(index, texts.size()));
        }

        private static int index(int index, int size) {
            if (index < 0 || index >= size) {
                throw new IllegalStateException("bad text index " + index);
            }
            return index;
        }

        String text() {
            int length = count();
            String text = new String(buffer.array(), buffer.position(), length, StandardCharsets.UTF_8);
            buffer.position(buffer.position() + length);
            return text;
        }

        /** Skips an object id's hex text, checking only its length: the checksum vouches for the rest. */
        void skipObjectId() {
            int length = count();
            if (length != 40 && length != 64) {
                throw new IllegalStateException("bad object id length " + length);
            }
            buffer.position(buffer.position() + length);
        }
    }
}
