package io.entire.search;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
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
import org.apache.lucene.store.FilterDirectory;
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
    private static final String SCHEMA = "2";
    /** The {@link StoreTips} the last commit's index was brought up to date with, when none failed to be read. */
    private static final String STORE_TIPS_KEY = "entire.search.store-tips";
    private static final double BUILD_BUFFER_MB = 32;

    private final Directory directory;
    private final IndexWriter writer;

    private SearchIndex(Directory directory, IndexWriter writer) {
        this.directory = directory;
        this.writer = writer;
    }

    /** What a caller does with a reader of the index; it must not keep the reader. */
    @FunctionalInterface
    interface IndexRead<T> {
        T apply(DirectoryReader reader) throws IOException;
    }

    /**
     * Reads the index in {@code folder} as last committed, without opening it for writing, when that commit
     * recorded these store tips (and this schema); empty when it did not, or when there is no index.
     */
    static <T> Optional<T> readIfCurrent(Path folder, String storeTips, IndexRead<T> read) throws IOException {
        requireNonNull(storeTips, "storeTips is null");
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Directory directory = new NIOFSDirectory(folder)) {
            if (!DirectoryReader.indexExists(directory)) {
                return Optional.empty();
            }
            Map<String, String> recorded = SegmentInfos.readLatestCommit(directory).getUserData();
            if (!SCHEMA.equals(recorded.get(SCHEMA_KEY)) || !storeTips.equals(recorded.get(STORE_TIPS_KEY))) {
                return Optional.empty();
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                return Optional.of(read.apply(reader));
            }
        }
    }

    /**
     * Opens the index in {@code folder} (created if missing); empty first when {@code rebuild} or when it was
     * written with another schema.
     */
    static SearchIndex open(Path folder, Analyzer analyzer, boolean rebuild) throws IOException {
        requireNonNull(analyzer, "analyzer is null");
        Files.createDirectories(folder);
        Directory directory = new UnsyncedDirectory(new NIOFSDirectory(folder));
        try {
            boolean fresh = rebuild || !DirectoryReader.indexExists(directory) || !schemaMatches(directory);
            IndexWriterConfig config = new IndexWriterConfig(analyzer)
                    .setOpenMode(fresh ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.APPEND)
                    .setCommitOnClose(false);
            if (fresh) {
                // A build writes a few large segments: no copy of each into a compound file, and a buffer that
                // flushes half as often as the default yet leaves room in a 256 MB heap.
                config.setUseCompoundFile(false).setRAMBufferSizeMB(BUILD_BUFFER_MB);
            }
            IndexWriter writer = new IndexWriter(directory, config);
            if (fresh) {
                writer.setLiveCommitData(Map.of(SCHEMA_KEY, SCHEMA).entrySet());
            }
            return new SearchIndex(directory, writer);
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

    /**
     * Records with the next commit the store tips the index now holds every checkpoint folder of; none when some
     * could not be read, so that the next update compares again. Until this is called, a commit keeps what the last
     * one recorded, and a commit of no change writes nothing.
     */
    void recordStoreTips(Optional<String> storeTips) {
        writer.setLiveCommitData(storeTips.map(tips -> Map.of(SCHEMA_KEY, SCHEMA, STORE_TIPS_KEY, tips))
                .orElse(Map.of(SCHEMA_KEY, SCHEMA)).entrySet());
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

    /** Adds the documents of a checkpoint the index does not hold. */
    void add(List<Document> documents) throws IOException {
        writer.addDocuments(documents);
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

    /**
     * Commits without syncing files to disk. The index is a cache of the stores: a commit still becomes visible by an
     * atomic rename, so a killed process leaves the last commit whole, and after a power loss cuts its files short
     * the next search finds the index unreadable and rebuilds it. A commit would sync each of its ~20 files, and each
     * sync can wait on whatever else the disk has queued.
     */
    private static final class UnsyncedDirectory extends FilterDirectory {
        UnsyncedDirectory(Directory directory) {
            super(directory);
        }

        @Override
        public void sync(Collection<String> names) {
        }

        @Override
        public void syncMetaData() {
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
