package io.entire.core.migrate;

import static java.util.Objects.requireNonNull;

import io.entire.core.Sha256;
import io.entire.core.git.BatchReader;
import io.entire.core.git.FastImport;
import io.entire.core.git.ObjectHasher;
import io.entire.core.git.ObjectId;
import io.entire.core.git.RefName;
import io.entire.core.git.Signature;
import io.entire.core.git.TreeEntry;
import io.entire.core.id.CheckpointId;
import io.entire.core.json.JsonNumber;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonValue;
import io.entire.core.json.JsonWriter;
import io.entire.core.migrate.V2MigrationPlan.CompactSource;
import io.entire.core.migrate.V2MigrationPlan.FullRefEdit;
import io.entire.core.migrate.V2MigrationPlan.MainFolder;
import io.entire.core.migrate.V2MigrationPlan.SlotWrite;
import io.entire.core.model.CheckpointSummary;
import io.entire.core.store.CheckpointTree;
import io.entire.core.store.CompactTranscripts;
import io.entire.core.store.FolderVersion;
import io.entire.core.store.StoreKind;
import io.entire.core.store.StoredSession;
import io.entire.core.store.v2.Generation;
import io.entire.core.store.v2.V2Refs;
import io.entire.core.store.v2.V2Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a {@link V2MigrationPlan} through one fast-import stream, path by path, reusing v1's blobs: new content is
 * only root {@code metadata.json}, compact transcripts built here and their {@code transcript_hash.txt}, and
 * {@code generation.json}. Compact transcripts are read (to hash or rebuild them) in pipelined batches, so memory
 * holds one batch. Uses the caller's reader and stream, on the caller's thread.
 */
public final class V2MigrationWriter {
    /** Checkpoints whose compact transcripts are read in one pipelined pass. */
    private static final int BATCH = 64;

    private final BatchReader reader;
    private final CompactTranscripts compacts;
    private final ObjectHasher hasher;
    private final FolderVersion version;
    private final int generationSize;

    public V2MigrationWriter(BatchReader reader, CompactTranscripts compacts, ObjectHasher hasher, String cliVersion,
            int generationSize) {
        this.reader = requireNonNull(reader, "reader is null");
        this.compacts = requireNonNull(compacts, "compacts is null");
        this.hasher = requireNonNull(hasher, "hasher is null");
        this.version = new FolderVersion(cliVersion, Optional.of(StoreKind.V2.formatVersion()));
        if (generationSize < 1) {
            throw new IllegalArgumentException("generation size must be positive: " + generationSize);
        }
        this.generationSize = generationSize;
    }

    /** Who commits and when, for every commit of the stream. */
    public record Signatures(Signature author, Signature committer) {
        public Signatures {
            requireNonNull(author, "author is null");
            requireNonNull(committer, "committer is null");
        }
    }

    /** Commits the prunes or repairs that keep their ref (a ref to delete gets no commit); returns the refs. */
    public Set<RefName> writeEdits(FastImport stream, List<FullRefEdit> edits, Signatures signatures,
            String message) {
        Set<RefName> edited = new HashSet<>();
        for (FullRefEdit edit : edits) {
            if (edit.deleteRef() == FullRefEdit.DeleteRef.YES) {
                continue;
            }
            edited.add(edit.ref());
            stream.startCommit(edit.ref(), Optional.of(edit.tip()), signatures.author(), signatures.committer(),
                    message);
            edit.remove().forEach(id -> stream.delete(id.treePath()));
            stream.putInline(Generation.FILE, edit.generation().toJson());
            stream.endCommit();
        }
        return edited;
    }

    /**
     * One commit on {@code /main} with every planned folder edit. Returns the checkpoints it changed; a checkpoint
     * whose only edit was a compact transcript that could not be built is left out.
     */
    public Set<CheckpointId> writeMain(FastImport stream, V2MigrationPlan plan, Signatures signatures) {
        List<V2MigrationPlan.Checkpoint> edits = plan.checkpoints().stream()
                .filter(checkpoint -> checkpoint.main().isPresent()).toList();
        Set<CheckpointId> changed = new HashSet<>();
        if (edits.isEmpty()) {
            return changed;
        }
        // The commit starts with the first folder that changes: a rerun whose only candidates are compact
        // transcripts that cannot be built must not make an empty commit.
        Runnable start = () -> stream.startCommit(V2Refs.MAIN, plan.mainTip(), signatures.author(),
                signatures.committer(), "Migrate checkpoints from v1\n");
        for (int first = 0; first < edits.size(); first += BATCH) {
            List<V2MigrationPlan.Checkpoint> batch = edits.subList(first, Math.min(edits.size(), first + BATCH));
            Map<String, Compact> resolved = resolveCompacts(batch);
            for (V2MigrationPlan.Checkpoint checkpoint : batch) {
                if (writeFolder(stream, checkpoint.id(), checkpoint.main().orElseThrow(), resolved,
                        changed.isEmpty() ? start : () -> { })) {
                    changed.add(checkpoint.id());
                }
            }
        }
        if (!changed.isEmpty()) {
            stream.endCommit();
        }
        return changed;
    }

    /** A compact transcript to write: reused from v1 (blob id) or built here (bytes), with its hash file. */
    private record Compact(TreeEntry transcript, Optional<byte[]> built, byte[] hashFile) {
    }

    private boolean writeFolder(FastImport stream, CheckpointId id, MainFolder folder, Map<String, Compact> resolved,
            Runnable startCommit) {
        String path = id.treePath();
        List<StoredSession> slots = new ArrayList<>(folder.kept());
        Set<Integer> rewritten = new HashSet<>();
        List<SlotWrite> writes = new ArrayList<>();
        for (SlotWrite write : folder.writes()) {
            Optional<Compact> compact = Optional.ofNullable(resolved.get(key(id, write.slot())));
            if (compact.isEmpty() && write.onlyForCompact()) {
                slots.add(new StoredSession(write.slot(), write.metadata(), write.files()));
                continue;
            }
            Map<String, TreeEntry> files = new LinkedHashMap<>(write.files());
            compact.ifPresent(found -> {
                files.put(CheckpointTree.COMPACT_TRANSCRIPT, found.transcript());
                files.put(V2Store.COMPACT_HASH, TreeEntry.file(V2Store.COMPACT_HASH, hasher.blob(found.hashFile())));
            });
            slots.add(new StoredSession(write.slot(), write.metadata(), files));
            rewritten.add(write.slot());
            writes.add(write);
        }
        if (writes.isEmpty()) {
            return false;
        }
        startCommit.run();
        if (folder.replace() == MainFolder.Replace.REPLACE_FOLDER) {
            stream.delete(path);
        }
        for (SlotWrite write : writes) {
            String slotPath = path + "/" + write.slot();
            if (folder.existing().isPresent()) {
                stream.delete(slotPath);   // a rewritten slot is replaced whole, as CheckpointTree does
            }
            boolean renumbered = write.slot() != write.sourceSlot();
            for (TreeEntry entry : write.files().values()) {
                if (renumbered && entry.name().equals(CheckpointTree.METADATA)) {
                    stream.putInline(slotPath + "/" + entry.name(), withSourceSlot(entry.id(), write.sourceSlot()));
                } else {
                    stream.put(slotPath + "/" + entry.name(), entry.mode(), entry.id());
                }
            }
            Optional.ofNullable(resolved.get(key(id, write.slot()))).ifPresent(compact -> {
                String transcript = slotPath + "/" + CheckpointTree.COMPACT_TRANSCRIPT;
                compact.built().ifPresentOrElse(bytes -> stream.putInline(transcript, bytes),
                        () -> stream.put(transcript, compact.transcript().mode(), compact.transcript().id()));
                stream.putInline(slotPath + "/" + V2Store.COMPACT_HASH, compact.hashFile());
            });
        }
        folder.others().forEach((file, entry) -> stream.put(path + "/" + file, entry.mode(), entry.id()));
        CheckpointSummary summary = CheckpointTree.summarize(id, folder.existing(), slots, rewritten, "/" + path,
                version);
        stream.putInline(path + "/" + CheckpointTree.METADATA, JsonWriter.pretty(summary.toJson()));
        return true;
    }

    /** A session's v1 metadata with the v1 slot it came from, for a session whose slot number changed. */
    private byte[] withSourceSlot(ObjectId metadata, int sourceSlot) {
        JsonObject json = new JsonReader().parseObject(reader.readBlob(metadata));
        Map<String, JsonValue> members = new LinkedHashMap<>(json.members());
        members.put(V2MigrationPlanner.V1_SLOT, JsonNumber.of(sourceSlot));
        return JsonWriter.pretty(new JsonObject(members));
    }

    /** One blob to read for a compact transcript: whose it is, and how many parts of it follow. */
    private record Part(String owner, CheckpointId id, boolean copy, int following) {
    }

    /** Reads the compact transcripts (to hash) and raw transcripts (to rebuild from) of a batch in one pass. */
    private Map<String, Compact> resolveCompacts(List<V2MigrationPlan.Checkpoint> batch) {
        List<String> specs = new ArrayList<>();
        List<Part> parts = new ArrayList<>();
        for (V2MigrationPlan.Checkpoint checkpoint : batch) {
            for (SlotWrite write : checkpoint.main().orElseThrow().writes()) {
                String owner = key(checkpoint.id(), write.slot());
                if (write.compact() instanceof CompactSource.Copy copy) {
                    specs.add(copy.blob().hex());
                    parts.add(new Part(owner, checkpoint.id(), true, 0));
                } else if (write.compact() instanceof CompactSource.Rebuild rebuild) {
                    for (int i = 0; i < rebuild.rawParts().size(); i++) {
                        specs.add(rebuild.rawParts().get(i).hex());
                        parts.add(new Part(owner, checkpoint.id(), false, rebuild.rawParts().size() - 1 - i));
                    }
                }
            }
        }
        Map<String, Compact> resolved = new LinkedHashMap<>();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        boolean[] broken = {false};
        int[] next = {0};
        reader.readAll(specs, object -> {
            Part part = parts.get(next[0]++);
            if (object.isEmpty()) {
                broken[0] = true;   // a missing object (partial clone): that session gets no compact transcript
            } else if (part.copy()) {
                resolved.put(part.owner(), new Compact(TreeEntry.file(CheckpointTree.COMPACT_TRANSCRIPT,
                        object.get().id()), Optional.empty(), hashFile(object.get().content())));
            } else {
                if (raw.size() > 0) {
                    raw.write('\n');
                }
                raw.writeBytes(object.get().content());
            }
            if (!part.copy() && part.following() == 0) {
                byte[] transcript = raw.toByteArray();
                raw.reset();
                if (!broken[0]) {
                    compacts.build(part.id(), out -> write(out, transcript)).ifPresent(bytes -> resolved.put(
                            part.owner(), new Compact(TreeEntry.file(CheckpointTree.COMPACT_TRANSCRIPT,
                                    hasher.blob(bytes)), Optional.of(bytes), hashFile(bytes))));
                }
                broken[0] = false;
            }
        });
        return resolved;
    }

    private static void write(OutputStream out, byte[] bytes) {
        try {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("handing over a raw transcript", e);
        }
    }

    private static byte[] hashFile(byte[] compact) {
        return Sha256.contentHash(compact).getBytes(StandardCharsets.UTF_8);
    }

    private static String key(CheckpointId id, int slot) {
        return id.value() + "/" + slot;
    }

    /** Where the raw transcripts of a run went: each ref written and the checkpoints it carries. */
    public record Packed(Map<RefName, List<CheckpointId>> byRef, List<RefName> newArchives, int currentCount) {
        public Packed {
            byRef = Map.copyOf(byRef);
            newArchives = List.copyOf(newArchives);
        }
    }

    /**
     * Packs raw transcripts oldest first into new archives of {@code generationSize} checkpoints (one orphan commit
     * each, {@code generation.json} computed while packing); a last, smaller pack joins {@code /full/current}.
     * {@code afterArchive} runs after each archive (the caller makes it durable).
     *
     * @param edited refs this stream already committed to, whose next commit follows that one
     */
    public Packed writeFull(FastImport stream, V2MigrationPlan plan, Signatures signatures, Set<RefName> edited,
            Runnable afterArchive) {
        List<V2MigrationPlan.Checkpoint> packed = plan.checkpoints().stream()
                .filter(checkpoint -> !checkpoint.full().isEmpty()).toList();
        Map<RefName, List<CheckpointId>> byRef = new LinkedHashMap<>();
        List<RefName> archives = new ArrayList<>();
        long number = plan.nextArchive();
        int start = 0;
        for (; packed.size() - start >= generationSize; start += generationSize) {
            RefName ref = V2Refs.archive(number++);
            writePack(stream, ref, Optional.empty(), packed.subList(start, start + generationSize), Generation.EMPTY,
                    signatures, "Archive generation\n", byRef);
            archives.add(ref);
            afterArchive.run();
        }
        int currentCount = plan.currentGeneration().checkpoints().size();
        if (start < packed.size()) {
            Optional<ObjectId> parent = edited.contains(V2Refs.CURRENT) ? Optional.empty() : plan.currentTip();
            String message = "Migrate " + (packed.size() - start) + " checkpoints from v1\n";
            Generation merged = writePack(stream, V2Refs.CURRENT, parent, packed.subList(start, packed.size()),
                    plan.currentGeneration(), signatures, message, byRef);
            currentCount = merged.checkpoints().size();
        }
        return new Packed(byRef, archives, currentCount);
    }

    private static Generation writePack(FastImport stream, RefName ref, Optional<ObjectId> parent,
            List<V2MigrationPlan.Checkpoint> pack, Generation start, Signatures signatures, String message,
            Map<RefName, List<CheckpointId>> byRef) {
        stream.startCommit(ref, parent, signatures.author(), signatures.committer(), message);
        Generation generation = start;
        for (V2MigrationPlan.Checkpoint checkpoint : pack) {
            for (V2MigrationPlan.FullSlot slot : checkpoint.full()) {
                String slotPath = checkpoint.id().treePath() + "/" + slot.slot();
                stream.delete(slotPath);
                slot.files().forEach(file -> stream.put(slotPath + "/" + file.name(), file.mode(), file.id()));
            }
            generation = generation.with(checkpoint.id(), checkpoint.createdAt());
            byRef.computeIfAbsent(ref, key -> new ArrayList<>()).add(checkpoint.id());
        }
        stream.putInline(Generation.FILE, generation.toJson());
        stream.endCommit();
        return generation;
    }
}
