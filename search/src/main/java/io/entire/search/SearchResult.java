package io.entire.search;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The checkpoints that matched, best first, and what updating the index before the search did. */
public record SearchResult(List<SearchHit> hits, IndexUpdate update) {
    public SearchResult {
        hits = List.copyOf(hits);
        requireNonNull(update, "update is null");
    }
}
