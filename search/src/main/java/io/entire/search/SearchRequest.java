package io.entire.search;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What to search for: the query (Lucene's simple syntax: words, "phrases", prefix*, -excluded), and the filters.
 *
 * @param agent only sessions of this agent, by slug or display name ({@code claude-code}, {@code Claude Code})
 * @param since only checkpoints created at or after this time
 * @param file only sessions that touched this repository-relative path, or a file under this folder
 */
public record SearchRequest(String query, Optional<String> agent, Optional<Instant> since, Optional<String> file,
        int limit, IndexRefresh refresh) {
    public static final int DEFAULT_LIMIT = 10;

    public SearchRequest {
        requireNonNull(query, "query is null");
        if (query.isBlank()) {
            throw new InvalidSearchException("the search query is empty: give the words to look for");
        }
        requireNonNull(agent, "agent is null");
        requireNonNull(since, "since is null");
        requireNonNull(file, "file is null");
        if (limit < 1) {
            throw new InvalidSearchException("--limit must be at least 1, not " + limit);
        }
        requireNonNull(refresh, "refresh is null");
    }

    /**
     * A path the user typed, relative to the working directory, as the repository-relative path sessions record
     * ({@code core/src}, no trailing slash); a path outside the repository is an {@link InvalidSearchException}.
     */
    public static String repositoryPath(Path workTree, Path workingDirectory, String file) {
        Path resolved = workingDirectory.toAbsolutePath().resolve(file).normalize();
        Path root = workTree.toAbsolutePath().normalize();
        if (!resolved.startsWith(root) || resolved.equals(root)) {
            throw new InvalidSearchException("--file '" + file + "' names no file or folder inside the repository "
                    + root);
        }
        return root.relativize(resolved).toString().replace('\\', '/');
    }

    public static SearchRequest of(String query) {
        return new SearchRequest(query, Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_LIMIT,
                IndexRefresh.INCREMENTAL);
    }
}
