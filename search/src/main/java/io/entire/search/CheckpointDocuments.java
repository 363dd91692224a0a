package io.entire.search;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import io.entire.core.json.JsonLineSink;
import io.entire.core.store.CheckpointTree;
import io.entire.core.store.StoreSet;
import io.entire.core.store.StoredCheckpoint;
import io.entire.core.store.StoredSession;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;

/**
 * The documents of one stored checkpoint, gathered session by session: one per prompt and transcript message of each
 * session, and the checkpoint's own, which records the folder tree they were read from (as the stores list it). A
 * session's prompts come from its {@code prompt.txt}; its transcript adds the assistant's messages and the user's
 * messages that are not one of them.
 */
final class CheckpointDocuments {
    private static final Pattern PROMPT_SEPARATOR = Pattern.compile(Pattern.quote(CheckpointTree.PROMPT_SEPARATOR));

    private final CheckpointId id;
    private final ObjectId folder;
    private final Optional<Instant> createdAt;
    private final List<Document> documents = new ArrayList<>();

    /** {@code sessions}: every session of the checkpoint, which dates it. */
    CheckpointDocuments(CheckpointId id, ObjectId folder, Collection<IndexedSession> sessions) {
        this.id = requireNonNull(id, "id is null");
        this.folder = requireNonNull(folder, "folder is null");
        // As StoredCheckpoint dates a checkpoint: its first session, else a ULID's own time.
        this.createdAt = sessions.stream().map(IndexedSession::createdAt).min(Instant::compareTo).or(id::createdAt);
    }

    /** The documents of a checkpoint the stores read whole, its transcripts copied through the store. */
    static List<Document> of(StoreSet.Located located, ObjectId folder) {
        StoredCheckpoint checkpoint = located.checkpoint();
        CheckpointDocuments documents = new CheckpointDocuments(checkpoint.id(), folder,
                checkpoint.sessions().stream().map(session -> IndexedSession.of(session.metadata())).toList());
        for (StoredSession session : checkpoint.sessions()) {
            try (Session messages = documents.session(IndexedSession.of(session.metadata()),
                    located.store().readText(session, CheckpointTree.PROMPT))) {
                if (session.hasTranscript()) {
                    located.store().copyTranscript(checkpoint, session, messages.transcript());
                }
            }
        }
        return documents.documents();
    }

    /** Starts a session's documents with its {@code prompt.txt}; write its transcript, then close it. */
    Session session(IndexedSession metadata, Optional<String> promptText) {
        return new Session(metadata, promptText);
    }

    /** Every session's documents, then the checkpoint's own; call once, after closing every session. */
    List<Document> documents() {
        documents.add(checkpointDocument());
        return documents;
    }

    /** One session's messages: its prompts, then what its transcript adds as it is written. */
    final class Session implements AutoCloseable {
        private final IndexedSession metadata;
        private final Optional<String> agentSlug;
        private final Set<String> files;
        private final Set<String> prompts = new HashSet<>();
        private final List<IndexedMessage> messages = new ArrayList<>();
        private final TranscriptMessages transcript;
        private JsonLineSink sink;

        private Session(IndexedSession metadata, Optional<String> promptText) {
            this.metadata = requireNonNull(metadata, "metadata is null");
            this.agentSlug = metadata.agent().map(IndexFields::agentSlug);
            this.files = new HashSet<>(metadata.filesTouched());
            promptText.ifPresent(text -> {
                for (String prompt : PROMPT_SEPARATOR.split(text)) {
                    if (!prompt.isBlank() && prompts.add(prompt.strip())) {
                        messages.add(new IndexedMessage(MessageRole.PROMPT, prompt));
                    }
                }
            });
            transcript = new TranscriptMessages(message -> {
                if (message.role() != MessageRole.USER || !prompts.contains(message.text().strip())) {
                    messages.add(message);
                }
            });
        }

        /** Where to copy the session's raw transcript, chunks joined by '\n' as the stores reassemble them. */
        OutputStream transcript() {
            if (sink == null) {
                sink = transcript.sink();
            }
            return sink;
        }

        /** Reads one chunk of the session's raw transcript, held whole; the chunks in order. */
        void transcriptChunk(byte[] chunk) {
            transcript.readChunk(chunk);
        }

        @Override
        public void close() {
            if (sink != null) {
                sink.close();
            }
            for (IndexedMessage message : messages) {
                documents.add(message(metadata, agentSlug, files, message));
            }
        }
    }

    private Document message(IndexedSession session, Optional<String> agentSlug, Set<String> files,
            IndexedMessage message) {
        Document document = new Document();
        document.add(new StringField(IndexFields.CHECKPOINT, id.value(), Field.Store.YES));
        document.add(new StoredField(IndexFields.SESSION, session.sessionId().value()));
        agentSlug.ifPresent(slug -> document.add(new StringField(IndexFields.AGENT, slug, Field.Store.NO)));
        session.agent().ifPresent(agent -> document.add(new StoredField(IndexFields.AGENT_NAME, agent)));
        createdAt.ifPresent(time -> {
            document.add(new LongPoint(IndexFields.CREATED, time.toEpochMilli()));
            document.add(new StoredField(IndexFields.CREATED, time.toEpochMilli()));
        });
        for (String file : files) {
            document.add(new StringField(IndexFields.FILE, file, Field.Store.NO));
        }
        document.add(new StoredField(IndexFields.ROLE, message.role().label()));
        document.add(new TextField(IndexFields.TEXT, message.text(), Field.Store.YES));
        return document;
    }

    private Document checkpointDocument() {
        Document document = new Document();
        document.add(new StringField(IndexFields.KIND, IndexFields.CHECKPOINT_DOCUMENT, Field.Store.NO));
        document.add(new StringField(IndexFields.CHECKPOINT, id.value(), Field.Store.YES));
        document.add(new StoredField(IndexFields.FOLDER, folder.hex()));
        return document;
    }
}
