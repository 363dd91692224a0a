package io.entire.search;

import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import io.entire.core.json.JsonLineSink;
import io.entire.core.store.CheckpointTree;
import io.entire.core.store.StoreSet;
import io.entire.core.store.StoredCheckpoint;
import io.entire.core.store.StoredSession;
import java.time.Instant;
import java.util.ArrayList;
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
 * The documents of one stored checkpoint: one per prompt and transcript message of each session, and the
 * checkpoint's own, which records the folder tree they were read from (as the stores list it). A session's prompts
 * come from its {@code prompt.txt}; its transcript adds the assistant's messages and the user's messages that are not
 * one of them.
 */
final class CheckpointDocuments {
    private static final Pattern PROMPT_SEPARATOR = Pattern.compile(Pattern.quote(CheckpointTree.PROMPT_SEPARATOR));

    private CheckpointDocuments() {
    }

    static List<Document> of(StoreSet.Located located, ObjectId folder) {
        StoredCheckpoint checkpoint = located.checkpoint();
        Optional<Instant> createdAt = checkpoint.createdAt();
        List<Document> documents = new ArrayList<>();
        for (StoredSession session : checkpoint.sessions()) {
            Set<String> prompts = new HashSet<>();
            List<IndexedMessage> messages = new ArrayList<>();
            located.store().readText(session, CheckpointTree.PROMPT).ifPresent(text -> {
                for (String prompt : PROMPT_SEPARATOR.split(text)) {
                    if (!prompt.isBlank() && prompts.add(prompt.strip())) {
                        messages.add(new IndexedMessage(MessageRole.PROMPT, prompt));
                    }
                }
            });
            if (session.hasTranscript()) {
                try (JsonLineSink transcript = TranscriptMessages.sink(message -> {
                    if (message.role() != MessageRole.USER || !prompts.contains(message.text().strip())) {
                        messages.add(message);
                    }
                })) {
                    located.store().copyTranscript(checkpoint, session, transcript);
                }
            }
            for (IndexedMessage message : messages) {
                documents.add(message(checkpoint.id(), session, createdAt, message));
            }
        }
        documents.add(checkpointDocument(checkpoint.id(), folder));
        return documents;
    }

    private static Document message(CheckpointId id, StoredSession session, Optional<Instant> createdAt,
            IndexedMessage message) {
        Document document = new Document();
        document.add(new StringField(IndexFields.KIND, IndexFields.MESSAGE_DOCUMENT, Field.Store.NO));
        document.add(new StringField(IndexFields.CHECKPOINT, id.value(), Field.Store.YES));
        document.add(new StoredField(IndexFields.SESSION, session.metadata().sessionId().value()));
        session.metadata().agent().ifPresent(agent -> {
            document.add(new StringField(IndexFields.AGENT, IndexFields.agentSlug(agent), Field.Store.NO));
            document.add(new StoredField(IndexFields.AGENT_NAME, agent));
        });
        createdAt.ifPresent(time -> {
            document.add(new LongPoint(IndexFields.CREATED, time.toEpochMilli()));
            document.add(new StoredField(IndexFields.CREATED, time.toEpochMilli()));
        });
        Set<String> paths = new HashSet<>();
        for (String file : session.metadata().filesTouched()) {
            for (String path = file; !path.isEmpty(); path = path.substring(0, Math.max(0, path.lastIndexOf('/')))) {
                if (paths.add(path)) {
                    document.add(new StringField(IndexFields.FILE, path, Field.Store.NO));
                }
            }
        }
        document.add(new StoredField(IndexFields.ROLE, message.role().label()));
        document.add(new TextField(IndexFields.TEXT, message.text(), Field.Store.YES));
        return document;
    }

    private static Document checkpointDocument(CheckpointId id, ObjectId folder) {
        Document document = new Document();
        document.add(new StringField(IndexFields.KIND, IndexFields.CHECKPOINT_DOCUMENT, Field.Store.NO));
        document.add(new StringField(IndexFields.CHECKPOINT, id.value(), Field.Store.YES));
        document.add(new StoredField(IndexFields.FOLDER, folder.hex()));
        return document;
    }
}
