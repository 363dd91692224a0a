package io.entire.search;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.NIOFSDirectory;

/**
 * The Lucene index of the checkpoints' texts in one folder, open for writing. Changes become visible to readers
 * opened with {@link #openReader} at once, and on disk at {@link #commit}. One thread uses it; callers hold the
 * folder's lock, since Lucene's own write lock fails rather than waits. Files are read with positional reads, not
 * memory-mapped: on Java 22 and later Lucene's mapping calls native code, which the JVM warns about on stderr.
 */
final class SearchIndex implements AutoCloseable {
    /** Written into every commit; an index of another schema is rebuilt. Raise it when fields or analysis change. */
    private static final String SCHEMA_KEY = "entire.search.schema";
    private static final String SCHEMA = "1";
    /** The {@link StoreTips} the last commit's index was brought up to date with, when none failed to be read. */
    private static final String STORE_TIPS_KEY = "entire.search.store-tips";

    private final Directory directory;
    private final IndexWriter writer;
    private final Optional<String> committedStoreTips;

    private SearchIndex(Directory directory, IndexWriter writer, Optional<String> committedStoreTips) {
        this.directory = directory;
        this.writer = writer;
        this.committedStoreTips = committedStoreTips;
    }

    /**
     * Opens the index in {@code folder} (created if missing); empty first when {@code rebuild} or when it was
     * written with another schema.
     */
    static SearchIndex open(Path folder, Analyzer analyzer, boolean rebuild) throws IOException {
        requireNonNull(analyzer, "analyzer is null");
        Files.createDirectories(folder);
        Directory directory = new NIOFSDirectory(folder);
        try {
            boolean fresh = rebuild || !DirectoryReader.indexExists(directory) || !schemaMatches(directory);
            IndexWriterConfig config = new IndexWriterConfig(analyzer)
                    .setOpenMode(fresh ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.APPEND)
                    .setCommitOnClose(false);
            Optional<String> storeTips = fresh ? Optional.empty()
                    : Optional.ofNullable(SegmentInfos.readLatestCommit(directory).getUserData().get(STORE_TIPS_KEY));
            IndexWriter writer = new IndexWriter(directory, config);
            writer.setLiveCommitData(Map.of(SCHEMA_KEY, SCHEMA).entrySet());
            return new SearchIndex(directory, writer, storeTips);
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    private static boolean schemaMatches(Directory directory) throws IOException {
        return SCHEMA.equals(SegmentInfos.readLatestCommit(directory).getUserData().get(SCHEMA_KEY));
    }

    /** True when the folder holds an index this version cannot use as it is: written with another schema. */
    static boolean isStale(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Directory directory = new NIOFSDirectory(folder)) {
            return DirectoryReader.indexExists(directory) && !schemaMatches(directory);
        }
    }

    /** The store tips recorded with the last commit, if the index was then complete for them. */
    Optional<String> committedStoreTips() {
        return committedStoreTips;
    }

    /** Records with the next commit that the index holds every checkpoint folder of the stores at these tips. */
    void recordStoreTips(String storeTips) {
        writer.setLiveCommitData(Map.of(SCHEMA_KEY, SCHEMA, STORE_TIPS_KEY, storeTips).entrySet());
    }

    /** Every indexed checkpoint and the folder tree it was indexed from. */
    Map<CheckpointId, ObjectId> indexedFolders() throws IOException {
        Map<CheckpointId, ObjectId> folders = new HashMap<>();
        try (DirectoryReader reader = openReader()) {
            IndexSearcher searcher = new IndexSearcher(reader);
            TermQuery checkpoints = new TermQuery(new Term(IndexFields.KIND, IndexFields.CHECKPOINT_DOCUMENT));
            int count = searcher.count(checkpoints);
            if (count == 0) {
                return folders;
            }
            StoredFields fields = searcher.storedFields();
            Set<String> wanted = Set.of(IndexFields.CHECKPOINT, IndexFields.FOLDER);
            for (ScoreDoc hit : searcher.search(checkpoints, count).scoreDocs) {
                Document document = fields.document(hit.doc, wanted);
                folders.put(CheckpointId.of(document.get(IndexFields.CHECKPOINT)),
                        ObjectId.of(document.get(IndexFields.FOLDER)));
            }
        }
        return folders;
    }

    /** Replaces whatever the index holds of a checkpoint with these documents. */
    void replace(CheckpointId id, List<Document> documents) throws IOException {
        writer.updateDocuments(new Term(IndexFields.CHECKPOINT, id.value()), documents);
    }

    void remove(CheckpointId id) throws IOException {
        writer.deleteDocuments(new Term(IndexFields.CHECKPOINT, id.value()));
    }

    /** Makes every change durable, and writes a new index's first commit even when it holds nothing. */
    void commit() throws IOException {
        writer.commit();
    }

    /** A reader of the index as this writer sees it, uncommitted changes included; the caller closes it. */
    DirectoryReader openReader() throws IOException {
        return DirectoryReader.open(writer);
    }

    @Override
    public void close() throws IOException {
        try {
            writer.rollback();
        } finally {
            directory.close();
        }
    }

    /** Deletes the index's files (an unreadable index), keeping the folder. */
    static void wipe(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
