package io.entire.core.capture;

import io.entire.core.agent.LineMark;
import io.entire.core.agent.TranscriptFormat;
import io.entire.core.agent.TranscriptPosition;
import io.entire.core.git.PathChange;
import io.entire.core.git.StatusEntry;
import io.entire.core.session.FileSnapshot;
import io.entire.core.session.SessionState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/** Which files are an agent's work: the rules shared by stop, prepare-commit-msg and post-commit. */
final class SessionFiles {
    private static final List<String> EXCLUDED = List.of(".entire/", ".claude/");

    private SessionFiles() {
    }

    /** Entire's own files and the agent's settings are never the agent's work. */
    static boolean recordable(String path) {
        for (String excluded : EXCLUDED) {
            if (path.startsWith(excluded)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The files a turn changed: those the transcript says it wrote that git sees changed, plus files that appeared
     * during the turn ({@code appearedThisTurn} decides for untracked and newly added files) or disappeared, minus
     * ignored files (git does not list them) and nested repositories (git lists their folder).
     */
    static Set<String> changedInTurn(Collection<String> transcriptTargets, List<StatusEntry> status,
            Predicate<String> appearedThisTurn) {
        Set<String> targets = Set.copyOf(transcriptTargets);
        Set<String> changed = new LinkedHashSet<>();
        for (StatusEntry entry : status) {
            String path = entry.path();
            boolean appearedOrVanished = (entry.isNew() && appearedThisTurn.test(path)) || entry.isDeleted();
            if (recordable(path) && !path.endsWith("/") && (targets.contains(path) || appearedOrVanished)) {
                changed.add(path);
            }
        }
        return changed;
    }

    /**
     * The files a turn changed, from what differs since its start and what its transcript names: those that also
     * differ from HEAD (or are untracked) now, since a file the agent committed during the turn is no longer work to
     * record. {@code statusOf} is git's status of the paths it is given.
     */
    static Set<String> changedSince(List<String> sinceTurnStart, Collection<String> transcriptTargets,
            Function<Collection<String>, List<StatusEntry>> statusOf) {
        Set<String> changed = new LinkedHashSet<>();
        for (String path : sinceTurnStart) {
            if (recordable(path)) {
                changed.add(path);
            }
        }
        // The snapshot is taken once the agent was answered: a file it wrote that fast is in it, but named here.
        for (String path : transcriptTargets) {
            if (recordable(path)) {
                changed.add(path);
            }
        }
        Set<String> uncommitted = new HashSet<>();
        for (StatusEntry entry : statusOf.apply(List.copyOf(changed))) {
            uncommitted.add(entry.path());
        }
        changed.retainAll(uncommitted);
        return changed;
    }

    /**
     * Whether a set of changes (staged, or a commit's) takes some of a session's work: a path the session changed
     * that existed before counts by name (someone edited the agent's work); a file the session created counts only
     * with the content the agent left (otherwise it was replaced). {@code inFlight} are the running turn's files,
     * not snapshotted yet, which count by name.
     */
    static boolean overlap(Map<String, FileSnapshot> sessionFiles, Set<String> inFlight, List<PathChange> changes) {
        for (PathChange change : changes) {
            if (inFlight.contains(change.path())) {
                return true;
            }
            FileSnapshot snapshot = sessionFiles.get(change.path());
            if (snapshot == null) {
                continue;
            }
            if (!change.isAdded() || change.after().equals(snapshot.blob())) {
                return true;
            }
        }
        return false;
    }

    /** The running turn's files (what its transcript says it wrote), not snapshotted until its stop. */
    static Set<String> inFlight(SessionState state, Path workTree) {
        if (!state.isActive() || state.transcript().isEmpty() || !Files.isRegularFile(state.transcript().get())) {
            return Set.of();
        }
        TranscriptFormat format = state.agent().transcriptFormat();
        TranscriptPosition start = format.position(state.turn().transcriptStart());
        Path transcript = state.transcript().get();
        // From the turn's mark: a commit made during a turn of a long session reads that turn, not the whole file.
        Optional<LineMark> mark = state.turn().mark();
        return Set.copyOf(mark.isPresent() ? format.filesWritten(transcript, start, mark.get(), workTree)
                : format.filesWritten(transcript, start, workTree));
    }
}
