package io.entire.core.store;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.BatchReader;
import io.entire.core.git.GitObject;
import io.entire.core.git.ObjectId;
import io.entire.core.git.ObjectWriter;
import io.entire.core.git.TreeEntry;
import io.entire.core.id.CheckpointId;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import io.entire.core.json.JsonWriter;
import io.entire.core.model.CheckpointSummary;
import io.entire.core.model.SessionEntry;
import io.entire.core.model.SessionMetadata;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The checkpoint folder of FORMATS.md 2, read and written the same way by every layout; a layout only decides where
 * the folder goes and what prefix session paths carry. Uses the caller's reader and writer, on the caller's thread.
 */
public final class CheckpointTree {
    public static final String METADATA = "metadata.json";
    public static final String TRANSCRIPT = "full.jsonl";
    public static final String LEGACY_TRANSCRIPT = "full.log";
    public static final String COMPACT_TRANSCRIPT = "transcript.jsonl";
    public static final String PROMPT = "prompt.txt";
    public static final String CONTENT_HASH = "content_hash.txt";
    public static final String CONTEXT = "context.md";
    public static final String PROMPT_SEPARATOR = "\n\n---\n\n";
    public static final String TASKS = "tasks";
    public static final String TASK_CHECKPOINT = "checkpoint.json";

    private final BatchReader reader;
    private final ObjectWriter writer;
    private final JsonReader json = new JsonReader();
    private final TranscriptChunks chunks;

    public CheckpointTree(BatchReader reader, ObjectWriter writer, TranscriptChunks chunks) {
        this.reader = requireNonNull(reader, "reader is null");
        this.writer = requireNonNull(writer, "writer is null");
        this.chunks = requireNonNull(chunks, "chunks is null");
    }

    /**
     * The session slot a folder name inside a checkpoint folder stands for ({@code 0}, {@code 1}, ... up to six digits,
     * no leading zero), or -1 when the name is not a slot.
     */
    public static int slotNumber(String name) {
        if (name.isEmpty() || name.length() > 6 || (name.charAt(0) == '0' && name.length() > 1)) {
            return -1;
        }
        int slot = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            slot = slot * 10 + (c - '0');
        }
        return slot;
    }

    /**
     * Reads the checkpoint stored in a folder tree; a folder without root metadata is a {@link CheckpointException}.
     */
    public StoredCheckpoint read(CheckpointId id, ObjectId folder) {
        return read(id, folder, reader.readTree(folder));
    }

    /** {@link #read(CheckpointId, ObjectId)} of a folder tree already read. */
    public StoredCheckpoint read(CheckpointId id, GitObject folder) {
        return read(id, folder.id(), reader.parseTree(folder));
    }

    private StoredCheckpoint read(CheckpointId id, ObjectId folder, List<TreeEntry> folderEntries) {
        Map<String, TreeEntry> entries = entriesByName(folderEntries);
        TreeEntry root = entries.get(METADATA);
        if (root == null) {
            throw new CheckpointException(id, "folder " + folder.abbreviated() + " has no " + METADATA);
        }
        CheckpointSummary summary = readSummary(id, root.id());
        List<StoredSession> sessions = new ArrayList<>();
        for (TreeEntry entry : entries.values()) {
            int slot = slotNumber(entry.name());
            if (entry.isTree() && slot >= 0) {
                sessions.add(readSession(id, slot, entry.id()));
            }
        }
        sessions.sort((left, right) -> Integer.compare(left.slot(), right.slot()));
        return new StoredCheckpoint(id, folder, summary, sessions);
    }

    /** Parses root metadata and checks it names the checkpoint it is stored as. */
    public CheckpointSummary readSummary(CheckpointId id, ObjectId blob) {
        CheckpointSummary summary;
        try {
            summary = CheckpointSummary.fromJson(json.parseObject(reader.readBlob(blob)));
        } catch (RuntimeException e) {
            throw new CheckpointException(id, "unreadable " + METADATA + ": " + e.getMessage(), e);
        }
        if (!summary.id().equals(id)) {
            throw new CheckpointException(id, METADATA + " names checkpoint " + summary.id());
        }
        return summary;
    }

    private StoredSession readSession(CheckpointId id, int slot, ObjectId tree) {
        Map<String, TreeEntry> files = entriesByName(reader.readTree(tree));
        TreeEntry metadata = files.get(METADATA);
        if (metadata == null) {
            throw new CheckpointException(id, "session slot " + slot + " has no " + METADATA);
        }
        try {
            return new StoredSession(slot, SessionMetadata.fromJson(json.parseObject(reader.readBlob(metadata.id()))),
                    files);
        } catch (RuntimeException e) {
            throw new CheckpointException(id, "unreadable metadata of session slot " + slot + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * Writes one session into a checkpoint folder and returns the new folder. The session keeps its slot if the
     * folder already has it (the whole slot folder is replaced, so stale files go); a new session takes the next
     * slot. Root aggregates are recomputed from every session's metadata. Writing what is already stored gives
     * the same folder back, marked unchanged.
     *
     * @param pathPrefix what session paths in root metadata start with: {@code /a3/b2c4d5e6f7} on the v1 branch,
     *                   empty where the folder is the commit's root
     */
    public WrittenCheckpoint write(CheckpointId id, Optional<ObjectId> existingFolder, SessionContent session,
            String pathPrefix, FolderVersion version) {
        Optional<StoredCheckpoint> existing = existingFolder.map(folder -> read(id, folder));
        Optional<StoredSession> sameSession = existing.flatMap(stored -> stored.session(
                session.metadata().sessionId()));
        SessionMetadata metadata = session.metadata().withCheckpointId(id);
        if (sameSession.isPresent()) {
            // A rewrite keeps when the session was first recorded and whatever keys other writers added.
            SessionMetadata stored = sameSession.get().metadata();
            metadata = metadata.withCreatedAt(stored.createdAt()).withSource(stored.source());
        }
        Map<String, TreeEntry> slotFiles = writeSlot(metadata, session);
        return place(id, existingFolder, existing, metadata, slotFiles, session.tasks(), pathPrefix, version,
                OptionalInt.empty());
    }

    /**
     * Copies a session slot that exists as objects (read from another copy of the checkpoint) into a folder, blobs
     * unchanged; the session keeps its slot there if present, else takes the next one.
     */
    public WrittenCheckpoint copySession(CheckpointId id, Optional<ObjectId> existingFolder, StoredSession session,
            String pathPrefix, FolderVersion version) {
        Optional<StoredCheckpoint> existing = existingFolder.map(folder -> read(id, folder));
        return place(id, existingFolder, existing, session.metadata(), session.files(), List.of(), pathPrefix, version,
                OptionalInt.empty());
    }

    /**
     * Copies a session slot into the same slot number of another folder, blobs unchanged: a mirror keeps the
     * source's slots, which matters where older writers stored one session id in two slots.
     */
    public WrittenCheckpoint copySlot(CheckpointId id, Optional<ObjectId> existingFolder, StoredSession session,
            String pathPrefix, FolderVersion version) {
        Optional<StoredCheckpoint> existing = existingFolder.map(folder -> read(id, folder));
        return place(id, existingFolder, existing, session.metadata(), session.files(), List.of(), pathPrefix, version,
                OptionalInt.of(session.slot()));
    }

    /**
     * Replays onto {@code target} the sessions whose slot folders differ between {@code changed} and {@code before}
     * (every session of {@code changed} when there is no {@code before}): a write made on another copy of the
     * checkpoint, carried over session by session. Sessions only {@code target} has are kept.
     */
    public WrittenCheckpoint replaySessions(CheckpointId id, Optional<ObjectId> target, ObjectId changed,
            Optional<ObjectId> before, String pathPrefix, FolderVersion version) {
        List<StoredSession> previous = before.map(folder -> read(id, folder).sessions()).orElse(List.of());
        Optional<ObjectId> folder = target;
        WrittenCheckpoint result = null;
        for (StoredSession session : read(id, changed).sessions()) {
            boolean same = previous.stream().anyMatch(old -> old.metadata().sessionId()
                    .equals(session.metadata().sessionId()) && old.files().equals(session.files()));
            if (!same) {
                result = copySession(id, folder, session, pathPrefix, version);
                folder = Optional.of(result.folder());
            }
        }
        if (result == null) {
            StoredCheckpoint unchanged = read(id, target.orElse(changed));
            return new WrittenCheckpoint(id, unchanged.folder(), 0, unchanged.summary(), false);
        }
        ObjectId replayed = withTasksOf(result.folder(), changed);
        return new WrittenCheckpoint(id, replayed, result.slot(), result.summary(),
                !target.equals(Optional.of(replayed)));
    }

    /**
     * {@code folder} with the task folders of checkpoint folder {@code source} added (replacing those of the same
     * tool call); {@code folder} itself when {@code source} has none.
     */
    public ObjectId withTasksOf(ObjectId folder, ObjectId source) {
        Optional<TreeEntry> sourceTasks = Optional.ofNullable(entriesByName(reader.readTree(source)).get(TASKS))
                .filter(TreeEntry::isTree);
        if (sourceTasks.isEmpty()) {
            return folder;
        }
        Map<String, TreeEntry> entries = entriesByName(reader.readTree(folder));
        Map<String, TreeEntry> tasks = Optional.ofNullable(entries.get(TASKS)).filter(TreeEntry::isTree)
                .map(entry -> entriesByName(reader.readTree(entry.id()))).orElseGet(LinkedHashMap::new);
        tasks.putAll(entriesByName(reader.readTree(sourceTasks.get().id())));
        entries.put(TASKS, TreeEntry.tree(TASKS, writer.writeTree(tasks.values())));
        return writer.writeTree(entries.values());
    }

    /**
     * @param tasks subagent records to put into {@code tasks/} (each replaces its tool call's folder; others stay)
     * @param fixedSlot the slot to use; empty: the session's own slot if present, else the next one
     */
    private WrittenCheckpoint place(CheckpointId id, Optional<ObjectId> existingFolder,
            Optional<StoredCheckpoint> existing, SessionMetadata metadata, Map<String, TreeEntry> slotFiles,
            List<SubagentTask> tasks, String pathPrefix, FolderVersion version, OptionalInt fixedSlot) {
        Map<String, TreeEntry> entries = existingFolder.map(folder -> entriesByName(reader.readTree(folder)))
                .orElseGet(LinkedHashMap::new);
        if (!tasks.isEmpty()) {
            entries.put(TASKS, TreeEntry.tree(TASKS, writeTasks(Optional.ofNullable(entries.get(TASKS)), tasks)));
        }
        List<StoredSession> previous = existing.map(StoredCheckpoint::sessions).orElse(List.of());
        int slot = fixedSlot.isPresent() ? fixedSlot.getAsInt()
                : existing.flatMap(stored -> stored.session(metadata.sessionId())).map(StoredSession::slot)
                .orElseGet(() -> previous.stream().mapToInt(StoredSession::slot).max().orElse(-1) + 1);
        ObjectId slotTree = writer.writeTree(slotFiles.values());
        entries.put(Integer.toString(slot), TreeEntry.tree(Integer.toString(slot), slotTree));

        List<StoredSession> slots = new ArrayList<>(previous);
        slots.removeIf(stored -> stored.slot() == slot);
        slots.add(new StoredSession(slot, metadata, slotFiles));
        CheckpointSummary summary = summarize(id, existing.map(StoredCheckpoint::summary), slots, Set.of(slot),
                pathPrefix, version);
        ObjectId summaryBlob = writer.writeBlob(JsonWriter.pretty(summary.toJson()));
        entries.put(METADATA, TreeEntry.file(METADATA, summaryBlob));
        ObjectId folder = writer.writeTree(entries.values());
        return new WrittenCheckpoint(id, folder, slot, summary, !existingFolder.equals(Optional.of(folder)));
    }

    /**
     * The root summary of a folder holding these slots after {@code rewritten} of them were (re)written: aggregates
     * recomputed from every session's metadata; a slot not rewritten keeps its entry in {@code existing}, a rewritten
     * one gets a fresh entry carrying over the unknown keys of its old one. Writing sessions one by one with
     * {@link #copySession} gives the same summary.
     */
    public static CheckpointSummary summarize(CheckpointId id, Optional<CheckpointSummary> existing,
            List<StoredSession> slots, Set<Integer> rewritten, String pathPrefix, FolderVersion version) {
        List<StoredSession> sorted = new ArrayList<>(slots);
        sorted.sort((left, right) -> Integer.compare(left.slot(), right.slot()));
        Map<Integer, SessionEntry> oldEntries = new HashMap<>();
        existing.map(CheckpointSummary::sessions).orElse(List.of()).forEach(entry -> slotOf(entry)
                .ifPresent(slot -> oldEntries.putIfAbsent(slot, entry)));
        List<SessionMetadata> allMetadata = new ArrayList<>();
        List<SessionEntry> sessionEntries = new ArrayList<>();
        for (StoredSession stored : sorted) {
            allMetadata.add(stored.metadata());
            SessionEntry entry = entryFor(pathPrefix + "/" + stored.slot(), stored.files());
            SessionEntry old = oldEntries.get(stored.slot());
            if (old != null) {
                entry = rewritten.contains(stored.slot()) ? entry.withSource(old.source()) : old;
            }
            sessionEntries.add(entry);
        }
        return CheckpointSummary.aggregate(id, Optional.of(version.cliVersion()), version.checkpointsVersion(),
                allMetadata, sessionEntries, existing.map(CheckpointSummary::source).orElse(JsonObject.EMPTY));
    }

    /**
     * The slot folder an index entry names ({@code .../<slot>/metadata.json}): entries are matched to folders by
     * name, never by position, since slot folders may have gaps.
     */
    private static Optional<Integer> slotOf(SessionEntry entry) {
        String path = entry.metadata();
        int end = path.lastIndexOf('/');
        int start = end > 0 ? path.lastIndexOf('/', end - 1) + 1 : -1;
        if (start < 0 || start >= end || !path.endsWith("/" + METADATA)) {
            return Optional.empty();
        }
        String slot = path.substring(start, end);
        for (int i = 0; i < slot.length(); i++) {
            if (slot.charAt(i) < '0' || slot.charAt(i) > '9') {
                return Optional.empty();
            }
        }
        return slot.length() > 9 ? Optional.empty() : Optional.of(Integer.parseInt(slot));
    }

    private Map<String, TreeEntry> writeSlot(SessionMetadata metadata, SessionContent session) {
        Map<String, TreeEntry> files = new LinkedHashMap<>();
        TranscriptChunks.Written transcript = session.writtenTranscript()
                .orElseGet(() -> chunks.write(session.transcript(), writer));
        for (int i = 0; i < transcript.chunks().size(); i++) {
            String name = TranscriptChunks.chunkName(TRANSCRIPT, i);
            files.put(name, TreeEntry.file(name, transcript.chunks().get(i)));
        }
        files.put(CONTENT_HASH, TreeEntry.file(CONTENT_HASH,
                writer.writeBlob(transcript.contentHash().getBytes(StandardCharsets.UTF_8))));
        session.compactTranscript().filter(chunks::fitsOneBlob).ifPresent(compact ->
                files.put(COMPACT_TRANSCRIPT, TreeEntry.file(COMPACT_TRANSCRIPT, writer.writeBlob(compact))));
        if (!session.prompts().isEmpty()) {
            byte[] prompts = String.join(PROMPT_SEPARATOR, session.prompts()).getBytes(StandardCharsets.UTF_8);
            files.put(PROMPT, TreeEntry.file(PROMPT, writer.writeBlob(prompts)));
        }
        files.put(METADATA, TreeEntry.file(METADATA, writer.writeBlob(JsonWriter.pretty(metadata.toJson()))));
        return files;
    }

    /** The {@code tasks/} folder: the existing one's task folders, with those of {@code tasks} (re)written. */
    private ObjectId writeTasks(Optional<TreeEntry> existing, List<SubagentTask> tasks) {
        Map<String, TreeEntry> folders = existing.filter(TreeEntry::isTree)
                .map(entry -> entriesByName(reader.readTree(entry.id()))).orElseGet(LinkedHashMap::new);
        for (SubagentTask task : tasks) {
            Map<String, JsonValue> record = new LinkedHashMap<>();
            record.put("session_id", new JsonString(task.sessionId().value()));
            record.put("tool_use_id", new JsonString(task.toolUseId()));
            record.put("checkpoint_uuid", new JsonString(task.checkpointUuid()));
            record.put("agent_id", new JsonString(task.agentId()));
            List<TreeEntry> files = new ArrayList<>();
            files.add(TreeEntry.file(TASK_CHECKPOINT, writer.writeBlob(JsonWriter.pretty(new JsonObject(record)))));
            task.transcript().ifPresent(transcript -> files.add(TreeEntry.file(task.transcriptName(),
                    writer.writeBlob(transcript))));
            folders.put(task.toolUseId(), TreeEntry.tree(task.toolUseId(), writer.writeTree(files)));
        }
        return writer.writeTree(folders.values());
    }

    /** The root metadata's entry for the session slot {@code folder} holding {@code files}. */
    public static SessionEntry entryFor(String folder, Map<String, TreeEntry> files) {
        Optional<String> transcript = files.containsKey(TRANSCRIPT) ? Optional.of(folder + "/" + TRANSCRIPT)
                : files.containsKey(LEGACY_TRANSCRIPT) ? Optional.of(folder + "/" + LEGACY_TRANSCRIPT)
                : Optional.empty();
        return new SessionEntry(folder + "/" + METADATA, transcript,
                Optional.of(folder + "/" + COMPACT_TRANSCRIPT).filter(path -> files.containsKey(COMPACT_TRANSCRIPT)),
                Optional.of(folder + "/" + CONTENT_HASH).filter(path -> files.containsKey(CONTENT_HASH)),
                files.containsKey(PROMPT) ? folder + "/" + PROMPT : "", Optional.empty(), JsonObject.EMPTY);
    }

    /** Streams a session's raw transcript, reassembling chunks ({@code full.jsonl}, {@code .001}, ...) with "\n". */
    public void copyTranscript(CheckpointId id, StoredSession session, OutputStream out) {
        List<ObjectId> parts = TranscriptChunks.parts(session.files(), TRANSCRIPT);
        if (parts.isEmpty()) {
            parts = TranscriptChunks.parts(session.files(), LEGACY_TRANSCRIPT);
        }
        if (parts.isEmpty()) {
            throw new CheckpointException(id, "session slot " + session.slot() + " has no transcript");
        }
        try {
            for (int i = 0; i < parts.size(); i++) {
                if (i > 0) {
                    out.write('\n');
                }
                out.write(reader.readBlob(parts.get(i)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("copying the transcript of checkpoint " + id, e);
        }
    }

    /** A small text file of a session slot ({@code prompt.txt}, {@code content_hash.txt}), if present. */
    public Optional<String> readText(StoredSession session, String name) {
        return session.file(name).map(entry -> new String(reader.readBlob(entry.id()), StandardCharsets.UTF_8));
    }

    /** A tree's entries by name, in the tree's order, to edit and write back. */
    public static Map<String, TreeEntry> entriesByName(List<TreeEntry> entries) {
        Map<String, TreeEntry> byName = new LinkedHashMap<>();
        entries.forEach(entry -> byName.put(entry.name(), entry));
        return byName;
    }
}
