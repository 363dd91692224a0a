package io.entire.search;

import static java.util.Objects.requireNonNull;

import io.entire.core.FileLocks;
import io.entire.core.Log;
import io.entire.core.Progress;
import io.entire.core.ProgressCount;
import io.entire.core.git.GitRepository;
import io.entire.core.git.LoggedCommit;
import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import io.entire.core.query.LinkedCommit;
import io.entire.core.store.CommitLinks;
import io.entire.core.store.StoreSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * Full-text search over every stored checkpoint's prompts and transcript messages, all stores and agents. The index
 * lives in {@code <git common dir>/entire-index}; each search first indexes the checkpoints that arrived or changed
 * since the last one (fetched ones too) and forgets those gone; when no store ref moved since then, it reads the index
 * as it is. An index that is missing, unreadable or of another version is rebuilt, never an error. Uses the stores'
 * git processes from the calling thread.
 */
public final class CheckpointSearch {
    public static final String INDEX_FOLDER = "entire-index";
    private static final System.Logger LOG = Log.of(CheckpointSearch.class);

    private final GitRepository repository;
    private final StoreSet stores;
    private final Analyzer analyzer = new EnglishAnalyzer();

    public CheckpointSearch(GitRepository repository, StoreSet stores) {
        this.repository = requireNonNull(repository, "repository is null");
        this.stores = requireNonNull(stores, "stores is null");
    }

    /** {@code progress} counts the checkpoints indexed of those the index lacks or holds as they were before. */
    public SearchResult search(SearchRequest request, Progress progress) {
        requireNonNull(progress, "progress is null");
        LuceneLogging.keepAdviceOffTheTerminal();
        Query text = new SimpleQueryParser(analyzer, IndexFields.TEXT).parse(request.query());
        QueryTerms terms = QueryTerms.of(text);
        if (terms.isEmpty()) {
            throw new InvalidSearchException("'" + request.query() + "' has no word to search for (common words such"
                    + " as 'the' are not indexed, and '-word' only excludes)");
        }
        Path folder = repository.commonDir().resolve(INDEX_FOLDER);
        try (FileLocks.Held lock = FileLocks.lock(repository.commonDir().resolve(INDEX_FOLDER + ".lock"))) {
            try {
                return search(folder, request, filtered(text, request), terms, progress);
            } catch (IOException | UncheckedIOException unreadable) {
                LOG.log(Level.INFO, "search index " + folder + " is unreadable, rebuilding it: " + unreadable);
                SearchIndex.wipe(folder);
                SearchResult rebuilt = search(folder, request, filtered(text, request), terms, progress);
                return new SearchResult(rebuilt.hits(), new IndexUpdate(rebuilt.update().added(), 0, 0,
                        Optional.of("it could not be read"),
                        rebuilt.update().failures(), rebuilt.update().compared()));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new SearchIndexException(folder, "could not be written: " + e.getMessage(), e);
        }
    }

    private SearchResult search(Path folder, SearchRequest request, Query query, QueryTerms terms,
            Progress progress) throws IOException {
        boolean stale = SearchIndex.isStale(folder);
        boolean rebuild = stale || request.refresh() == IndexRefresh.REBUILD;
        // Read before the folders: a write landing in between leaves the older tips recorded, so the next search
        // compares again rather than missing it.
        String storeTips = StoreTips.of(repository, stores);
        if (!rebuild) {
            Optional<List<SearchHit>> unchanged = SearchIndex.readIfCurrent(folder, storeTips,
                    reader -> collect(new IndexSearcher(reader), query, request.limit(), terms));
            if (unchanged.isPresent()) {
                return new SearchResult(unchanged.get(), new IndexUpdate(0, 0, 0, Optional.empty(), List.of(), 0));
            }
        }
        try (SearchIndex index = SearchIndex.open(folder, analyzer, rebuild)) {
            IndexUpdate update = update(index, storeTips, progress);
            index.commit();
            try (DirectoryReader reader = index.openReader()) {
                List<SearchHit> hits = collect(new IndexSearcher(reader), query, request.limit(), terms);
                return new SearchResult(hits, stale ? new IndexUpdate(update.added(), 0, 0,
                        Optional.of("it was written by another version of entire"), update.failures(),
                        update.compared()) : update);
            }
        }
    }

    /**
     * Indexes what the stores hold and the index does not, as the stores hold it now, and records the store tips
     * this was read at when every checkpoint could be read. Checkpoints whose folder holds all they store are read
     * from their folders in one stream; the others through the stores, one by one.
     */
    private IndexUpdate update(SearchIndex index, String storeTips, Progress progress) throws IOException {
        CheckpointFolders stored = CheckpointFolders.of(stores);
        Map<CheckpointId, ObjectId> current = stored.folders();
        Map<CheckpointId, ObjectId> indexed = index.indexedFolders();
        int removed = 0;
        for (CheckpointId id : indexed.keySet()) {
            if (!current.containsKey(id)) {
                index.remove(id);
                removed++;
            }
        }
        Map<CheckpointId, ObjectId> fromFolders = new LinkedHashMap<>();
        Map<CheckpointId, ObjectId> throughStores = new LinkedHashMap<>();
        current.forEach((id, folder) -> {
            if (!folder.equals(indexed.get(id))) {
                (stored.readThroughStores().contains(id) ? throughStores : fromFolders).put(id, folder);
            }
        });
        Indexing indexing = new Indexing(index, indexed.keySet(),
                ProgressCount.start(progress, fromFolders.size() + throughStores.size()));
        FolderDocuments.read(stores.gitWorkers().reader(), fromFolders, indexing);
        for (Map.Entry<CheckpointId, ObjectId> checkpoint : throughStores.entrySet()) {
            CheckpointId id = checkpoint.getKey();
            Optional<List<Document>> documents;
            try {
                documents = stores.find(id).map(located -> CheckpointDocuments.of(located, checkpoint.getValue()));
            } catch (RuntimeException e) {
                indexing.failure(id, e.getMessage());
                continue;
            }
            if (documents.isPresent()) {
                indexing.documents(id, documents.get());
            } else {
                indexing.progress.add(1);   // gone since it was listed: the next search no longer lists it
            }
        }
        index.recordStoreTips(indexing.failures.isEmpty() ? Optional.of(storeTips) : Optional.empty());
        return new IndexUpdate(indexing.added, indexing.changed, removed, Optional.empty(), indexing.failures,
                current.size());
    }

    /** Takes each checkpoint's documents into the index, and counts what it did. */
    private static final class Indexing implements FolderDocuments.Receiver {
        private final SearchIndex index;
        private final Set<CheckpointId> indexed;
        private final ProgressCount progress;
        private final List<String> failures = new ArrayList<>();
        private int added;
        private int changed;

        Indexing(SearchIndex index, Set<CheckpointId> indexed, ProgressCount progress) {
            this.index = index;
            this.indexed = indexed;
            this.progress = progress;
        }

        @Override
        public void documents(CheckpointId id, List<Document> documents) throws IOException {
            if (indexed.contains(id)) {
                index.replace(id, documents);
                changed++;
            } else {
                index.add(documents);
                added++;
            }
            progress.add(1);
        }

        /** A checkpoint that cannot be read is named in the failures and left out. */
        @Override
        public void failure(CheckpointId id, String reason) {
            LOG.log(Level.WARNING, "checkpoint " + id + " could not be indexed: " + reason);
            failures.add("checkpoint " + id + " could not be indexed: " + reason);
            progress.add(1);
        }
    }

    private static Query filtered(Query text, SearchRequest request) {
        BooleanQuery.Builder query = new BooleanQuery.Builder().add(text, Occur.MUST);
        request.agent().ifPresent(agent -> query.add(new TermQuery(new Term(IndexFields.AGENT,
                IndexFields.agentSlug(agent))), Occur.FILTER));
        request.since().ifPresent(since -> query.add(LongPoint.newRangeQuery(IndexFields.CREATED,
                since.toEpochMilli(), Long.MAX_VALUE), Occur.FILTER));
        request.file().ifPresent(file -> query.add(new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.FILE, file)), Occur.SHOULD)
                .add(new PrefixQuery(new Term(IndexFields.FILE, file + "/")), Occur.SHOULD).build(), Occur.FILTER));
        return query.build();
    }

    /** The best message of each checkpoint, best checkpoint first, reading further pages until enough are found. */
    private List<SearchHit> collect(IndexSearcher searcher, Query query, int limit, QueryTerms terms)
            throws IOException {
        StoredFields fields = searcher.storedFields();
        Map<CheckpointId, Document> best = new LinkedHashMap<>();
        Map<CheckpointId, Float> scores = new LinkedHashMap<>();
        int page = Math.max(50, limit * 4);
        ScoreDoc after = null;
        while (best.size() < limit) {
            TopDocs top = after == null ? searcher.search(query, page) : searcher.searchAfter(after, query, page);
            for (ScoreDoc hit : top.scoreDocs) {
                Document document = fields.document(hit.doc);
                CheckpointId id = CheckpointId.of(document.get(IndexFields.CHECKPOINT));
                if (best.size() < limit && !best.containsKey(id)) {
                    best.put(id, document);
                    scores.put(id, hit.score);
                }
            }
            if (top.scoreDocs.length < page) {
                break;
            }
            after = top.scoreDocs[top.scoreDocs.length - 1];
        }
        Map<CheckpointId, List<LoggedCommit>> commits = new CommitLinks(repository, stores).linking(best.keySet());
        Snippets snippets = new Snippets(analyzer, terms);
        List<SearchHit> hits = new ArrayList<>(best.size());
        for (Map.Entry<CheckpointId, Document> entry : best.entrySet()) {
            Document document = entry.getValue();
            Optional<Instant> created = Optional.ofNullable(document.getField(IndexFields.CREATED))
                    .map(field -> Instant.ofEpochMilli(field.numericValue().longValue()));
            hits.add(new SearchHit(entry.getKey(), scores.get(entry.getKey()), created,
                    SessionId.of(document.get(IndexFields.SESSION)), Optional.ofNullable(document.get(IndexFields.AGENT_NAME)),
                    MessageRole.fromLabel(document.get(IndexFields.ROLE)), snippets.of(document.get(IndexFields.TEXT)),
                    linked(commits.getOrDefault(entry.getKey(), List.of()))));
        }
        return hits;
    }

    private static List<LinkedCommit> linked(List<LoggedCommit> commits) {
        return commits.stream().map(commit -> new LinkedCommit(commit.id(),
                commit.message().lines().findFirst().orElse(""))).toList();
    }
}
