package io.entire.search;

/** How a search brings the index up to date with the stores before it reads it. */
public enum IndexRefresh {
    /** Index the checkpoints added or changed since the last search, forget the ones gone. */
    INCREMENTAL,
    /** Throw the index away and index every checkpoint again. */
    REBUILD
}
