package io.entire.core.recover;

import io.entire.core.EntireException;
import java.util.List;

/** Work tree changes that the operation would overwrite and that nothing recorded; nothing was changed. */
public final class UnsavedChangesException extends EntireException {
    private static final int NAMED = 5;

    private final List<String> paths;

    public UnsavedChangesException(List<String> paths, String advice) {
        super(Category.STATE, describe(paths) + "; " + advice);
        this.paths = List.copyOf(paths);
    }

    /** The changed files, relative to the work tree. */
    public List<String> paths() {
        return paths;
    }

    private static String describe(List<String> paths) {
        String named = String.join(", ", paths.subList(0, Math.min(NAMED, paths.size())));
        String more = paths.size() > NAMED ? " and " + (paths.size() - NAMED) + " more" : "";
        return (paths.size() == 1 ? "a file has changes" : paths.size() + " files have changes")
                + " that no step or commit holds (" + named + more + ")";
    }
}
