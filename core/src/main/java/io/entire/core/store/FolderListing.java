package io.entire.core.store;

import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import io.entire.core.json.JsonObject;
import io.entire.core.model.CheckpointSummary;
import io.entire.core.model.Timestamps;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Builds listings for many checkpoint folders in two pipelined passes over {@code cat-file --batch}: root metadata
 * first, then every slot's metadata and prompt. Never reads transcripts.
 */
final class FolderListing {
    private static final System.Logger LOG = System.getLogger(FolderListing.class.getName());
    private static final int PROMPT_PREVIEW = 200;

    private FolderListing() {
    }

    static List<CheckpointListing> read(CheckpointTree tree, List<CheckpointId> ids, List<ObjectId> folders) {
        List<String> rootSpecs = new ArrayList<>(folders.size());
        folders.forEach(folder -> rootSpecs.add(folder.hex() + ":" + CheckpointTree.METADATA));
        List<Optional<byte[]>> roots = tree.readBlobs(rootSpecs);

        List<CheckpointSummary> summaries = new ArrayList<>(ids.size());
        List<String> slotSpecs = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            CheckpointId id = ids.get(i);
            CheckpointSummary summary = roots.get(i).flatMap(bytes -> parseSummary(tree, id, bytes)).orElse(null);
            summaries.add(summary);
            int slots = summary == null ? 0 : summary.sessions().size();
            for (int slot = 0; slot < slots; slot++) {
                slotSpecs.add(folders.get(i).hex() + ":" + slot + "/" + CheckpointTree.METADATA);
                slotSpecs.add(folders.get(i).hex() + ":" + slot + "/" + CheckpointTree.PROMPT);
            }
        }
        List<Optional<byte[]>> slotBlobs = tree.readBlobs(slotSpecs);

        List<CheckpointListing> listings = new ArrayList<>(ids.size());
        int next = 0;
        for (int i = 0; i < ids.size(); i++) {
            CheckpointSummary summary = summaries.get(i);
            if (summary == null) {
                continue;
            }
            Optional<Instant> created = Optional.empty();
            Optional<String> prompt = Optional.empty();
            for (int slot = 0; slot < summary.sessions().size(); slot++) {
                Optional<Instant> slotCreated = slotBlobs.get(next++).flatMap(bytes -> createdAt(tree, bytes));
                Optional<byte[]> promptBytes = slotBlobs.get(next++);
                if (slotCreated.isPresent() && (created.isEmpty() || slotCreated.get().isBefore(created.get()))) {
                    created = slotCreated;
                }
                if (prompt.isEmpty()) {
                    prompt = promptBytes.map(FolderListing::firstPrompt).filter(text -> !text.isBlank());
                }
            }
            listings.add(new CheckpointListing(ids.get(i), created.or(ids.get(i)::createdAt), summary.branch(),
                    summary.sessions().size(), summary.filesTouched(), prompt));
        }
        listings.sort(Comparator.comparing((CheckpointListing listing) -> listing.createdAt().orElse(Instant.EPOCH))
                .reversed().thenComparing(CheckpointListing::id));
        return listings;
    }

    private static Optional<CheckpointSummary> parseSummary(CheckpointTree tree, CheckpointId id, byte[] bytes) {
        try {
            return Optional.of(CheckpointSummary.fromJson(tree.json().parseObject(bytes)));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "checkpoint " + id + ": unreadable root metadata, not listed: "
                    + e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<Instant> createdAt(CheckpointTree tree, byte[] bytes) {
        try {
            JsonObject json = tree.json().parseObject(bytes);
            return json.findString("created_at").flatMap(Timestamps::parse);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "unreadable session metadata in listing: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static String firstPrompt(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, PROMPT_PREVIEW * 4), StandardCharsets.UTF_8);
        int separator = text.indexOf(CheckpointTree.PROMPT_SEPARATOR);
        String first = (separator >= 0 ? text.substring(0, separator) : text).strip();
        return first.length() > PROMPT_PREVIEW ? first.substring(0, PROMPT_PREVIEW) : first;
    }
}
