package io.entire.search;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.BatchReader;
import io.entire.core.git.GitObject;
import io.entire.core.git.ObjectId;
import io.entire.core.git.TreeEntry;
import io.entire.core.id.CheckpointId;
import io.entire.core.json.JsonReader;
import io.entire.core.store.CheckpointTree;
import io.entire.core.store.TranscriptChunks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.lucene.document.Document;

/**
 * Reads the documents of many checkpoints straight from their folder trees, in three streamed passes of one
 * {@code git cat-file --batch}: the folders, then their session slots, then every session's metadata, prompts and
 * transcript. Each pass sends all its requests ahead of the answers, so no object waits on a round trip, and the last
 * hands each checkpoint's documents over as soon as its objects are in: memory is one checkpoint's texts. The
 * folder's own {@code metadata.json} is required but not read, since nothing indexed comes from it. A checkpoint that
 * cannot be read is handed over as a failure, and the others go on.
 */
final class FolderDocuments {
    /** Takes what was read, a checkpoint at a time. */
    interface Receiver {
        void documents(CheckpointId id, List<Document> documents) throws IOException;

        void failure(CheckpointId id, String reason);
    }

    private final BatchReader reader;
    private final Receiver receiver;
    private final JsonReader json = new JsonReader();
    private IOException receiverFailure;

    private FolderDocuments(BatchReader reader, Receiver receiver) {
        this.reader = requireNonNull(reader, "reader is null");
        this.receiver = requireNonNull(receiver, "receiver is null");
    }

    /**
     * Hands every checkpoint of {@code folders} to the receiver. When the receiver fails to take documents, the
     * rest are read but not handed over (the stream is drained, so the reader stays usable), and that failure is
     * thrown at the end.
     */
    static void read(BatchReader reader, Map<CheckpointId, ObjectId> folders, Receiver receiver) throws IOException {
        new FolderDocuments(reader, receiver).read(folders);
    }

    private void read(Map<CheckpointId, ObjectId> folders) throws IOException {
        List<Pending> checkpoints = new ArrayList<>(folders.size());
        folders.forEach((id, folder) -> checkpoints.add(new Pending(id, folder)));
        pass(checkpoints, Pending::folderRequests);
        pass(checkpoints, Pending::slotRequests);
        pass(checkpoints, Pending::contentRequests);
        if (receiverFailure != null) {
            throw receiverFailure;
        }
    }

    /** One object asked for, and what its checkpoint does with it. */
    private record Request(Pending checkpoint, ObjectId object, Consumer<GitObject> use, boolean last) {
    }

    private void pass(List<Pending> checkpoints, Function<Pending, List<Request>> requestsOf) {
        List<Request> requests = new ArrayList<>();
        for (Pending checkpoint : checkpoints) {
            if (checkpoint.failure == null) {
                List<Request> own = requestsOf.apply(checkpoint);
                if (own.isEmpty()) {
                    checkpoint.passDone();
                }
                requests.addAll(own);
            }
        }
        if (requests.isEmpty()) {
            return;
        }
        int[] next = {0};
        reader.readAll(requests.stream().map(request -> request.object().hex()).toList(), object -> {
            Request request = requests.get(next[0]++);
            request.checkpoint().receive(request, object);
        });
    }

    /** A checkpoint being read: what the passes so far found. */
    private final class Pending {
        private final CheckpointId id;
        private final ObjectId folder;
        private String failure;
        private boolean contentPass;
        private List<TreeEntry> slots = List.of();
        private final List<Map<String, TreeEntry>> slotFiles = new ArrayList<>();
        private IndexedSession[] metadata;
        private String[] prompts;
        private CheckpointDocuments documents;
        private CheckpointDocuments.Session session;

        Pending(CheckpointId id, ObjectId folder) {
            this.id = id;
            this.folder = folder;
        }

        void receive(Request request, Optional<GitObject> object) {
            if (failure != null) {
                return;
            }
            try {
                request.use().accept(object.orElseThrow(() -> new IllegalStateException("object "
                        + request.object().abbreviated() + " is missing")));
                if (request.last()) {
                    passDone();
                }
            } catch (RuntimeException e) {
                fail(e.getMessage());
            }
        }

        private void fail(String reason) {
            failure = reason;
            release();
            receiver.failure(id, reason);
        }

        /** At the end of the content pass, hands the documents over. */
        void passDone() {
            if (!contentPass) {
                return;
            }
            if (documents == null) {
                documents = new CheckpointDocuments(id, folder, List.of());
            }
            List<Document> read = documents.documents();
            release();
            if (receiverFailure == null) {
                try {
                    receiver.documents(id, read);
                } catch (IOException e) {
                    receiverFailure = e;
                }
            }
        }

        /** Drops what was read, since the pass's requests keep every checkpoint until it ends. */
        private void release() {
            slots = List.of();
            slotFiles.clear();
            metadata = null;
            prompts = null;
            documents = null;
            session = null;
        }

        List<Request> folderRequests() {
            return List.of(new Request(this, folder, object -> {
                List<TreeEntry> entries = reader.parseTree(object);
                if (entries.stream().noneMatch(entry -> entry.name().equals(CheckpointTree.METADATA))) {
                    throw new IllegalStateException("folder " + folder.abbreviated() + " has no "
                            + CheckpointTree.METADATA);
                }
                slots = entries.stream().filter(entry -> entry.isTree() && CheckpointTree.slotNumber(entry.name()) >= 0)
                        .sorted(Comparator.comparingInt(entry -> CheckpointTree.slotNumber(entry.name()))).toList();
            }, false));
        }

        List<Request> slotRequests() {
            List<Request> requests = new ArrayList<>(slots.size());
            for (TreeEntry slot : slots) {
                requests.add(new Request(this, slot.id(), object -> {
                    Map<String, TreeEntry> files = CheckpointTree.entriesByName(reader.parseTree(object));
                    if (!files.containsKey(CheckpointTree.METADATA)) {
                        throw new IllegalStateException("session slot " + slot.name() + " has no "
                                + CheckpointTree.METADATA);
                    }
                    slotFiles.add(files);
                }, false));
            }
            return requests;
        }

        /** Each session's metadata first (they date the checkpoint), then each session's prompts and transcript. */
        List<Request> contentRequests() {
            contentPass = true;
            int count = slotFiles.size();
            metadata = new IndexedSession[count];
            prompts = new String[count];
            List<Request> requests = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int slot = i;
                requests.add(new Request(this, slotFiles.get(i).get(CheckpointTree.METADATA).id(), object -> {
                    try {
                        metadata[slot] = IndexedSession.read(json, object.content());
                    } catch (RuntimeException e) {
                        throw new IllegalStateException("unreadable metadata of session slot " + slots.get(slot)
                                .name() + ": " + e.getMessage(), e);
                    }
                    if (slot == count - 1) {
                        documents = new CheckpointDocuments(id, folder, Arrays.asList(metadata));
                    }
                }, false));
            }
            for (int i = 0; i < count; i++) {
                addSessionRequests(i, requests);
            }
            if (!requests.isEmpty()) {
                Request last = requests.remove(requests.size() - 1);
                requests.add(new Request(last.checkpoint(), last.object(), last.use(), true));
            }
            return requests;
        }

        private void addSessionRequests(int slot, List<Request> requests) {
            Map<String, TreeEntry> files = slotFiles.get(slot);
            List<ObjectId> parts = TranscriptChunks.parts(files, CheckpointTree.TRANSCRIPT);
            if (parts.isEmpty()) {
                parts = TranscriptChunks.parts(files, CheckpointTree.LEGACY_TRANSCRIPT);
            }
            TreeEntry prompt = files.get(CheckpointTree.PROMPT);
            if (prompt != null) {
                boolean promptOnly = parts.isEmpty();
                requests.add(new Request(this, prompt.id(), object -> {
                    prompts[slot] = new String(object.content(), StandardCharsets.UTF_8);
                    if (promptOnly) {
                        documents.session(metadata[slot], Optional.of(prompts[slot])).close();
                    }
                }, false));
            }
            for (int i = 0; i < parts.size(); i++) {
                boolean first = i == 0;
                boolean lastPart = i == parts.size() - 1;
                requests.add(new Request(this, parts.get(i), object -> {
                    if (first) {
                        session = documents.session(metadata[slot], Optional.ofNullable(prompts[slot]));
                    }
                    session.transcriptChunk(object.content());
                    if (lastPart) {
                        session.close();
                        session = null;
                    }
                }, false));
            }
        }
    }
}
