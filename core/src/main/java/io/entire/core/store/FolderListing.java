package io.entire.core.store;

import io.entire.core.Log;
import io.entire.core.git.BatchReader;
import io.entire.core.git.GitObject;
import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import io.entire.core.json.JsonReader;
import io.entire.core.model.CheckpointSummary;
import io.entire.core.model.Timestamps;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Builds listings for many checkpoint folders: those the store's {@link ListingCache} holds under the same folder
 * object come from it, the others from git in two pipelined passes over {@code cat-file --batch} (root metadata
 * first, then every slot's metadata and prompt), and the cache is rewritten when what it should hold changed. Never
 * reads transcripts. A checkpoint whose root metadata is missing or unreadable is listed with that problem, never
 * left out. Each blob is parsed as it arrives and only what a listing shows is kept, so the heap stays small and
 * young collections cheap.
 */
public final class FolderListing {
    private static final System.Logger LOG = Log.of(FolderListing.class);

    private static final JsonReader JSON = new JsonReader();

    private FolderListing() {
    }

    /**
     * What a listing shows of a root metadata: a summary holds the whole parsed document, and ten thousand of them
     * kept while the sessions are read made each young collection copy tens of megabytes.
     */
    private record RootPreview(Optional<String> branch, int sessions, List<String> filesTouched,
            Optional<String> problem) {
        static RootPreview damaged(String problem) {
            return new RootPreview(Optional.empty(), 0, List.of(), Optional.of(problem));
        }
    }

    /** What a listing shows of one session. */
    private record SessionPreview(Optional<Instant> createdAt, Optional<String> prompt) {
    }

    /** Visits every checkpoint folder of a store. */
    @FunctionalInterface
    public interface Folders {
        /** Calls {@code visitor} with each checkpoint and the object whose tree is its folder (a commit or a tree). */
        void forEach(BiConsumer<CheckpointId, ObjectId> visitor);
    }

    /**
     * The listings of the checkpoints {@code ids}, newest first; {@code folders} holds, at the same index, the object
     * whose tree is each checkpoint's folder (a commit or a tree).
     */
    public static List<CheckpointListing> read(StoreWorkers workers, List<CheckpointId> ids, List<ObjectId> folders,
            ListingCache cache) {
        return read(workers, "", visitor -> {
            for (int i = 0; i < ids.size(); i++) {
                visitor.accept(ids.get(i), folders.get(i));
            }
        }, cache);
    }

    /**
     * The listings of the checkpoint folders {@code folders} visits, newest first. {@code source} names what the store
     * lists them from (its refs' fingerprint, a branch tip), or is empty: when the cache was written from the same
     * source, its listings are returned as they stand and {@code folders} is never asked.
     */
    public static List<CheckpointListing> read(StoreWorkers workers, String source, Folders folders,
            ListingCache cache) {
        ListingCache.Entries cached = cache.read();
        if (!source.isEmpty() && source.equals(cached.source())) {
            return cached.listings();
        }
        List<CheckpointId> ids = new ArrayList<>();
        List<ObjectId> objects = new ArrayList<>();
        folders.forEach((id, folder) -> {
            ids.add(id);
            objects.add(folder);
        });
        return ids.isEmpty() ? List.of() : read(workers, source, ids, objects, cache, cached);
    }

    private static List<CheckpointListing> read(StoreWorkers workers, String source, List<CheckpointId> ids,
            List<ObjectId> folders, ListingCache cache, ListingCache.Entries cached) {
        // Hits are taken in the cache's order, which is the order of the last listing, so that sorting them again
        // is one pass over a sorted run.
        boolean[] hit = new boolean[cached.size()];
        int hits = 0;
        List<CheckpointId> missingIds = new ArrayList<>();
        List<ObjectId> missingFolders = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            int position = cached.indexOf(folders.get(i));
            if (position >= 0 && cached.listing(position).id().equals(ids.get(i))) {
                if (!hit[position]) {   // two refs of one checkpoint at one commit: listed once, as StoreSet would
                    hit[position] = true;
                    hits++;
                }
            } else {
                missingIds.add(ids.get(i));
                missingFolders.add(folders.get(i));
            }
        }
        List<ObjectId> listedFolders = new ArrayList<>(ids.size());
        List<CheckpointListing> listings = new ArrayList<>(ids.size());
        for (int position = 0; position < hit.length; position++) {
            if (hit[position]) {
                listedFolders.add(cached.folder(position));
                listings.add(cached.listing(position));
            }
        }
        // Entries of objects no longer listed (a checkpoint removed or moved on) are dropped by a rewrite; so is a
        // source that changed while the listings did not (a ref renamed).
        boolean changed = hits != cached.size() || !source.equals(cached.source());
        boolean problems = false;
        if (!missingIds.isEmpty()) {
            List<CheckpointListing> read = readFromGit(workers, missingIds, missingFolders);
            listedFolders.addAll(missingFolders);
            listings.addAll(read);
            changed |= read.stream().anyMatch(listing -> listing.problem().isEmpty());
            problems = read.stream().anyMatch(listing -> listing.problem().isPresent());
        }
        // A listing with a problem is not cached, so the cache stands for the source only when there is none.
        return changed ? sortedAndCached(cache, problems ? "" : source, listedFolders, listings) : listings;
    }

    /** The listings newest first, written to the cache in that order. */
    private static List<CheckpointListing> sortedAndCached(ListingCache cache, String source,
            List<ObjectId> listedFolders, List<CheckpointListing> listings) {
        Integer[] order = new Integer[listings.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (one, other) -> CheckpointListing.newestFirst(listings.get(one), listings.get(other)));
        List<ObjectId> sortedFolders = new ArrayList<>(order.length);
        List<CheckpointListing> sorted = new ArrayList<>(order.length);
        for (Integer index : order) {
            sortedFolders.add(listedFolders.get(index));
            sorted.add(listings.get(index));
        }
        cache.write(source, sortedFolders, sorted);
        return sorted;
    }

    /** The listings of these checkpoints as git holds them, in the order given. */
    private static List<CheckpointListing> readFromGit(StoreWorkers workers, List<CheckpointId> ids,
            List<ObjectId> folders) {
        List<String> rootSpecs = new ArrayList<>(folders.size());
        folders.forEach(folder -> rootSpecs.add(folder.hex() + ":" + CheckpointTree.METADATA));
        List<RootPreview> roots = new ArrayList<>(ids.size());
        workers.reader().readAll(rootSpecs, object -> roots.add(object
                .map(blob -> parseRoot(ids.get(roots.size()), blob.content()))
                .orElseGet(() -> RootPreview.damaged("root " + CheckpointTree.METADATA + " is missing"))));
        List<String> sessionSpecs = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            int sessions = roots.get(i).sessions();
            for (int slot = 0; slot < sessions; slot++) {
                String folder = folders.get(i).hex() + ":" + slot + "/";
                sessionSpecs.add(folder + CheckpointTree.METADATA);
                sessionSpecs.add(folder + CheckpointTree.PROMPT);
            }
        }
        List<SessionPreview> sessions = readSessions(workers.reader(), sessionSpecs);

        List<CheckpointListing> listings = new ArrayList<>(ids.size());
        int next = 0;
        for (int i = 0; i < ids.size(); i++) {
            RootPreview root = roots.get(i);
            Optional<Instant> created = Optional.empty();
            Optional<String> prompt = Optional.empty();
            for (int slot = 0; slot < root.sessions(); slot++) {
                SessionPreview session = sessions.get(next++);
                if (session.createdAt().isPresent()
                        && (created.isEmpty() || session.createdAt().get().isBefore(created.get()))) {
                    created = session.createdAt();
                }
                prompt = prompt.or(session::prompt);
            }
            listings.add(new CheckpointListing(ids.get(i), created.or(ids.get(i)::createdAt), root.branch(),
                    root.sessions(), root.filesTouched(), prompt, root.problem()));
        }
        return listings;
    }

    /** One preview for each pair of specs: a slot's metadata, then its prompt. */
    private static List<SessionPreview> readSessions(BatchReader reader, List<String> specs) {
        List<SessionPreview> previews = new ArrayList<>(specs.size() / 2);
        reader.readAll(specs, new Consumer<>() {
            private Optional<Instant> created = Optional.empty();
            private boolean metadataNext = true;

            @Override
            public void accept(Optional<GitObject> object) {
                if (metadataNext) {
                    created = object.flatMap(blob -> createdAt(blob.content()));
                } else {
                    previews.add(new SessionPreview(created, object.map(blob -> firstPrompt(blob.content()))
                            .filter(text -> !text.isBlank())));
                }
                metadataNext = !metadataNext;
            }
        });
        return previews;
    }

    private static RootPreview parseRoot(CheckpointId id, byte[] bytes) {
        try {
            CheckpointSummary summary = CheckpointSummary.fromJson(JSON.parseObject(bytes));
            return new RootPreview(summary.branch(), summary.sessions().size(), summary.filesTouched(),
                    Optional.empty());
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "checkpoint " + id + ": unreadable root metadata: " + e.getMessage());
            return RootPreview.damaged("root " + CheckpointTree.METADATA + " is unreadable (" + e.getMessage() + ")");
        }
    }

    private static Optional<Instant> createdAt(byte[] bytes) {
        try {
            return JSON.parseObject(bytes).findString("created_at").flatMap(Timestamps::parse);
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "unreadable session metadata in listing: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static String firstPrompt(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int separator = text.indexOf(CheckpointTree.PROMPT_SEPARATOR);
        return (separator >= 0 ? text.substring(0, separator) : text).strip();
    }
}
