package io.entire.core.doctor;

import static java.util.Objects.requireNonNull;

import io.entire.core.Sha256;
import io.entire.core.git.BatchReader;
import io.entire.core.git.MissingObjectException;
import io.entire.core.git.ObjectId;
import io.entire.core.git.TreeEntry;
import io.entire.core.id.CheckpointId;
import io.entire.core.json.JsonReader;
import io.entire.core.model.CheckpointSummary;
import io.entire.core.model.SessionEntry;
import io.entire.core.model.SessionMetadata;
import io.entire.core.store.CheckpointTree;
import io.entire.core.store.TranscriptChunks;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks one copy of a checkpoint folder (FORMATS.md 2) object by object, without the stores' readers, which stop at
 * the first fault: root and session metadata parse and name the checkpoint, the root {@code sessions} index matches
 * the slot folders, each transcript matches its stored hash, and every object the folder names is present. Problems
 * go to the list given; what the copy holds comes back for comparing it with the other stores' copies.
 */
final class FolderCheck {
    static final String V2_RAW = "raw_transcript";
    static final String V2_RAW_HASH = "raw_transcript_hash.txt";
    private static final String V2_COMPACT_HASH = "transcript_hash.txt";

    private final BatchReader reader;
    private final List<VerifyProblem> problems;
    private final JsonReader json = new JsonReader();

    FolderCheck(BatchReader reader, List<VerifyProblem> problems) {
        this.reader = requireNonNull(reader, "reader is null");
        this.problems = requireNonNull(problems, "problems is null");
    }

    /** Where raw transcripts are: in the slot folders themselves, or (v2) on the {@code full} refs. */
    enum Layout {
        FULL_TRANSCRIPTS,
        V2_MAIN
    }

    /**
     * One stored copy of a checkpoint.
     *
     * @param pathPrefix what the root metadata's session paths start with in this store
     * @param rawSlots for v2, each slot's files on the first {@code full} ref that has them
     */
    record Copy(CheckpointId id, String store, ObjectId folder, String pathPrefix, Layout layout,
            Map<Integer, Map<String, TreeEntry>> rawSlots) {
        Copy {
            requireNonNull(id, "id is null");
            requireNonNull(store, "store is null");
            requireNonNull(folder, "folder is null");
            requireNonNull(pathPrefix, "pathPrefix is null");
            requireNonNull(layout, "layout is null");
            rawSlots = Map.copyOf(rawSlots);
        }
    }

    /** What a copy holds, slot by slot: the session and the hash of its reassembled raw transcript, if readable. */
    record Print(Map<Integer, SlotPrint> slots) {
        Print {
            slots = Map.copyOf(slots);
        }
    }

    record SlotPrint(String sessionId, Optional<String> transcriptHash) {
        SlotPrint {
            requireNonNull(sessionId, "sessionId is null");
            requireNonNull(transcriptHash, "transcriptHash is null");
        }
    }

    Optional<Print> check(Copy copy) {
        Map<String, TreeEntry> entries;
        try {
            entries = byName(reader.readTree(copy.folder()));
        } catch (MissingObjectException e) {
            report(copy, ProblemKind.MISSING_OBJECT, "its folder, tree " + e.object() + ", is missing");
            return Optional.empty();
        }
        TreeEntry root = entries.get(CheckpointTree.METADATA);
        Optional<CheckpointSummary> summary = Optional.empty();
        if (root == null) {
            report(copy, ProblemKind.METADATA, "no " + CheckpointTree.METADATA + " at the root of its folder");
        } else {
            summary = readSummary(copy, root);
        }
        Map<Integer, TreeEntry> slots = slotFolders(copy, entries);
        summary.ifPresent(found -> checkIndex(copy, found, slots));
        Map<Integer, SlotPrint> prints = new TreeMap<>();
        for (Map.Entry<Integer, TreeEntry> slot : slots.entrySet()) {
            checkSlot(copy, slot.getKey(), slot.getValue().id()).ifPresent(print -> prints.put(slot.getKey(), print));
        }
        Map<String, TreeEntry> rest = new LinkedHashMap<>(entries);
        rest.remove(CheckpointTree.METADATA);
        slots.values().forEach(slot -> rest.remove(slot.name()));
        checkPresent(copy, "", rest);
        return Optional.of(new Print(prints));
    }

    private Optional<CheckpointSummary> readSummary(Copy copy, TreeEntry entry) {
        Optional<byte[]> bytes = readBlob(copy, CheckpointTree.METADATA, entry);
        try {
            Optional<CheckpointSummary> summary = bytes.map(found -> CheckpointSummary.fromJson(
                    json.parseObject(found)));
            if (summary.isPresent() && !summary.get().id().equals(copy.id())) {
                report(copy, ProblemKind.METADATA, CheckpointTree.METADATA + " names checkpoint "
                        + summary.get().id());
            }
            return summary;
        } catch (RuntimeException e) {
            report(copy, ProblemKind.METADATA, CheckpointTree.METADATA + " does not parse: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The folders named {@code 0}, {@code 1}, ... by number; a slot name that is a file is reported. */
    private Map<Integer, TreeEntry> slotFolders(Copy copy, Map<String, TreeEntry> entries) {
        Map<Integer, TreeEntry> slots = new TreeMap<>();
        for (TreeEntry entry : entries.values()) {
            int slot = slotNumber(entry.name());
            if (slot >= 0 && entry.isTree()) {
                slots.put(slot, entry);
            } else if (slot >= 0) {
                report(copy, ProblemKind.SLOT_INDEX, "slot " + slot + " is a file, not a folder");
            }
        }
        return slots;
    }

    private void checkIndex(Copy copy, CheckpointSummary summary, Map<Integer, TreeEntry> slots) {
        List<Integer> numbers = new ArrayList<>(slots.keySet());
        for (int expected = 0; expected < numbers.size(); expected++) {
            if (numbers.get(expected) != expected) {
                report(copy, ProblemKind.SLOT_INDEX, "slot folders " + numbers + " leave a gap: slot " + expected
                        + " is missing");
                break;
            }
        }
        List<SessionEntry> sessions = summary.sessions();
        if (sessions.size() != slots.size()) {
            report(copy, ProblemKind.SLOT_INDEX, CheckpointTree.METADATA + " lists " + sessions.size()
                    + " session(s), the folder holds " + slots.size() + " slot folder(s)");
        }
        for (int index = 0; index < sessions.size(); index++) {
            String expected = copy.pathPrefix() + "/" + index + "/" + CheckpointTree.METADATA;
            if (!sessions.get(index).metadata().equals(expected)) {
                report(copy, ProblemKind.SLOT_INDEX, "sessions[" + index + "] points at "
                        + sessions.get(index).metadata() + ", not " + expected);
            }
        }
    }

    private Optional<SlotPrint> checkSlot(Copy copy, int slot, ObjectId tree) {
        Map<String, TreeEntry> files;
        try {
            files = byName(reader.readTree(tree));
        } catch (MissingObjectException e) {
            report(copy, ProblemKind.MISSING_OBJECT, "slot " + slot + ": its folder, tree " + e.object()
                    + ", is missing");
            return Optional.empty();
        }
        String at = slot + "/";
        Optional<String> sessionId = readSessionId(copy, slot, files);
        Set<String> read = new HashSet<>(Set.of(CheckpointTree.METADATA));
        Optional<String> transcriptHash;
        if (copy.layout() == Layout.FULL_TRANSCRIPTS) {
            String base = files.containsKey(CheckpointTree.TRANSCRIPT) ? CheckpointTree.TRANSCRIPT
                    : CheckpointTree.LEGACY_TRANSCRIPT;
            transcriptHash = checkHash(copy, at, files, base, CheckpointTree.CONTENT_HASH, read);
        } else {
            checkHash(copy, at, files, CheckpointTree.COMPACT_TRANSCRIPT, V2_COMPACT_HASH, read);
            Map<String, TreeEntry> raw = copy.rawSlots().getOrDefault(slot, Map.of());
            Set<String> rawRead = new HashSet<>();
            transcriptHash = checkHash(copy, at, raw, raw.containsKey(V2_RAW) ? V2_RAW : CheckpointTree.TRANSCRIPT,
                    raw.containsKey(V2_RAW_HASH) ? V2_RAW_HASH : CheckpointTree.CONTENT_HASH, rawRead);
            Map<String, TreeEntry> rawRest = new LinkedHashMap<>(raw);
            rawRest.keySet().removeAll(rawRead);
            checkPresent(copy, at, rawRest);
        }
        Map<String, TreeEntry> rest = new LinkedHashMap<>(files);
        rest.keySet().removeAll(read);
        checkPresent(copy, at, rest);
        return sessionId.map(id -> new SlotPrint(id, transcriptHash));
    }

    private Optional<String> readSessionId(Copy copy, int slot, Map<String, TreeEntry> files) {
        TreeEntry entry = files.get(CheckpointTree.METADATA);
        if (entry == null) {
            report(copy, ProblemKind.METADATA, "slot " + slot + " has no " + CheckpointTree.METADATA);
            return Optional.empty();
        }
        Optional<byte[]> bytes = readBlob(copy, slot + "/" + CheckpointTree.METADATA, entry);
        try {
            Optional<SessionMetadata> metadata = bytes.map(found -> SessionMetadata.fromJson(json.parseObject(found)));
            if (metadata.isPresent() && !metadata.get().checkpointId().equals(copy.id())) {
                report(copy, ProblemKind.METADATA, "slot " + slot + ": " + CheckpointTree.METADATA
                        + " names checkpoint " + metadata.get().checkpointId());
            }
            return metadata.map(found -> found.sessionId().value());
        } catch (RuntimeException e) {
            report(copy, ProblemKind.METADATA, "slot " + slot + ": " + CheckpointTree.METADATA + " does not parse: "
                    + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Hashes a transcript (its chunks joined with "\n", as readers reassemble it) and compares it with the hash file
     * beside it; the names read are added to {@code read}. Empty when there is no transcript or a chunk is missing.
     */
    private Optional<String> checkHash(Copy copy, String at, Map<String, TreeEntry> files, String base,
            String hashName, Set<String> read) {
        List<ObjectId> parts = TranscriptChunks.parts(files, base);
        Sha256 sha256 = new Sha256();
        for (int i = 0; i < parts.size(); i++) {
            String name = TranscriptChunks.chunkName(base, i);
            read.add(name);
            Optional<byte[]> bytes = readBlob(copy, at + name, files.get(name));
            if (bytes.isEmpty()) {
                return Optional.empty();
            }
            if (i > 0) {
                sha256.update(new byte[] {'\n'}, 0, 1);
            }
            sha256.update(bytes.get(), 0, bytes.get().length);
        }
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        String actual = sha256.contentHash();
        Optional<TreeEntry> hashFile = Optional.ofNullable(files.get(hashName));
        if (hashFile.isPresent()) {
            read.add(hashName);
            Optional<String> stored = readBlob(copy, at + hashName, hashFile.get())
                    .map(bytes -> new String(bytes, StandardCharsets.UTF_8).strip());
            if (stored.isPresent() && !stored.get().equals(actual)) {
                report(copy, ProblemKind.CONTENT_HASH, at + base + " does not match " + hashName + " (stored "
                        + stored.get() + ", actual " + actual + ")");
            }
        }
        return Optional.of(actual);
    }

    /** Reports every object under these entries that the repository lacks. */
    private void checkPresent(Copy copy, String at, Map<String, TreeEntry> entries) {
        for (TreeEntry entry : entries.values()) {
            if (entry.isTree()) {
                try {
                    checkPresent(copy, at + entry.name() + "/", byName(reader.readTree(entry.id())));
                } catch (MissingObjectException e) {
                    report(copy, ProblemKind.MISSING_OBJECT, at + entry.name() + "/: tree " + e.object()
                            + " is missing");
                }
            } else if (entry.mode() != TreeEntry.Mode.GITLINK && reader.find(entry.id().hex()).isEmpty()) {
                report(copy, ProblemKind.MISSING_OBJECT, at + entry.name() + ": blob " + entry.id().hex()
                        + " is missing");
            }
        }
    }

    private Optional<byte[]> readBlob(Copy copy, String path, TreeEntry entry) {
        try {
            return Optional.of(reader.readBlob(entry.id()));
        } catch (MissingObjectException e) {
            report(copy, ProblemKind.MISSING_OBJECT, path + ": blob " + e.object() + " is missing");
            return Optional.empty();
        }
    }

    private void report(Copy copy, ProblemKind kind, String detail) {
        problems.add(new VerifyProblem(copy.id().value(), copy.store(), kind, detail));
    }

    /** The slot a folder name stands for ({@code 0}, {@code 1}, ..., no leading zero), or -1. */
    private static int slotNumber(String name) {
        if (name.isEmpty() || name.length() > 6 || (name.charAt(0) == '0' && name.length() > 1)) {
            return -1;
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(name);
    }

    static Map<String, TreeEntry> byName(List<TreeEntry> entries) {
        Map<String, TreeEntry> byName = new LinkedHashMap<>();
        entries.forEach(entry -> byName.put(entry.name(), entry));
        return byName;
    }
}
