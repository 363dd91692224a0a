package io.entire.core.session;

import static java.util.Objects.requireNonNull;

import io.entire.core.FileIdentity;
import io.entire.core.Log;
import io.entire.core.OwnFiles;
import io.entire.core.SmallFiles;
import io.entire.core.git.ObjectId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which state files hold a session with nothing owed, so that hooks skip them unread: a file beside the states,
 * {@value #FILE}, one line per session that is done, or quiet (between turns, no step, nothing pending) with the
 * commit it is based on, and the identity its state file had when it was read (file key, modification time, size).
 * A line counts only while the file is still that file, so a rewritten, replaced or missing state is read again: a
 * stale, lost or missing cache costs reads, never a wrong answer. It is replaced by an atomic rename; of two listings
 * that race, the last one's cache stays.
 */
final class RestingSessions {
    private static final System.Logger LOG = Log.of(RestingSessions.class);
    /** The name the first version gave it, when it held done sessions only; its lines are read as they were. */
    static final String FILE = "done-sessions.cache";

    private final Path directory;
    private final Map<String, Entry> cached;
    private final Map<String, Entry> seen = new HashMap<>();
    private boolean changed;

    private RestingSessions(Path directory, Map<String, Entry> cached) {
        this.directory = directory;
        this.cached = cached;
    }

    /** The cache of a state directory; empty when there is none or it cannot be read. */
    static RestingSessions read(Path directory) {
        requireNonNull(directory, "directory is null");
        Map<String, Entry> cached = new HashMap<>();
        for (String line : lines(directory)) {
            Optional<Entry> entry = Entry.parse(line);
            if (entry.isPresent()) {
                cached.put(entry.get().id(), entry.get());
            }
        }
        return new RestingSessions(directory, cached);
    }

    /**
     * The done sessions the cache of {@code directory} holds that were last updated before {@code cutoff}, by id; the
     * caller checks each against its state, so a damaged line costs a read, never a loss.
     */
    static List<String> doneBefore(Path directory, Instant cutoff) {
        List<String> ids = new ArrayList<>();
        long cutoffMillis = cutoff.toEpochMilli();
        for (String line : lines(directory)) {
            // Only the last field is read: every post-commit asks, and the listing before it parsed each line.
            int last = line.lastIndexOf('\t');
            int first = line.indexOf('\t');
            if (first <= 0 || line.contains(Entry.QUIET_FIELD)) {
                continue;
            }
            try {
                if (Long.parseLong(line, last + 1, line.length(), 10) < cutoffMillis) {
                    ids.add(line.substring(0, first));
                }
            } catch (NumberFormatException damaged) {
                LOG.log(Level.DEBUG, "a damaged line in " + directory.resolve(FILE) + ": the next listing rewrites it");
            }
        }
        return ids;
    }

    private static String[] lines(Path directory) {
        try {
            return new String(SmallFiles.read(directory.resolve(FILE)), StandardCharsets.UTF_8).split("\n");
        } catch (IOException missingOrUnreadable) {
            return new String[0];   // the next listing rebuilds it
        }
    }

    /**
     * True when the session's state file is the one the cache saw, and held a done session, or a quiet one that
     * {@code quietWanted} does not want by the commit it is based on; remembers a known session for {@link #write}.
     */
    boolean skips(String id, FileIdentity identity, Predicate<ObjectId> quietWanted) {
        Entry entry = cached.get(id);
        if (entry == null || !entry.identity().equals(identity)) {
            changed |= entry != null;
            return false;
        }
        seen.put(id, entry);
        return entry.quietOn().isEmpty() || !quietWanted.test(entry.quietOn().get());
    }

    /** The session, whose state file had {@code identity} before it was read, is {@code state}. */
    void read(String id, FileIdentity identity, SessionState state) {
        Optional<ObjectId> quietOn;
        if (state.isDone()) {
            quietOn = Optional.empty();
        } else if (state.isQuiet()) {
            quietOn = Optional.of(state.baseCommit());
        } else {
            return;   // owes work: read at every listing
        }
        Entry entry = new Entry(id, identity, state.updatedAt().toEpochMilli(), quietOn);
        changed |= !entry.sameAs(cached.get(id));
        seen.put(id, entry);
    }

    /** Writes what this listing saw, when that differs from what it read (sessions that came to rest, or went away). */
    void write() {
        if (!changed && seen.size() == cached.size()) {
            return;
        }
        StringBuilder text = new StringBuilder();
        for (Entry entry : seen.values()) {
            text.append(entry.line()).append('\n');
        }
        // A name of its own per writer: hooks of one server list at the same time.
        Path temporary = directory.resolve(FILE + "." + ProcessHandle.current().pid() + "-"
                + Thread.currentThread().getId() + ".entire-tmp");
        try {
            Files.deleteIfExists(temporary);
            OwnFiles.createPrivateFile(temporary);
            SmallFiles.write(temporary, text.toString().getBytes(StandardCharsets.UTF_8));
            Files.move(temporary, directory.resolve(FILE), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + directory.resolve(FILE), e);
        }
    }

    /**
     * One line of the cache: five fields for a done session (as the first version wrote them, which reads no other
     * line), seven for a quiet one. A damaged line is left out, and its session read again.
     */
    private record Entry(String id, FileIdentity identity, long updatedMillis, Optional<ObjectId> quietOn) {
        private static final String QUIET = "quiet";
        private static final String QUIET_FIELD = '\t' + QUIET + '\t';

        boolean sameAs(Entry other) {
            return other != null && id.equals(other.id) && identity.equals(other.identity)
                    && updatedMillis == other.updatedMillis && quietOn.equals(other.quietOn);
        }

        String line() {
            String done = id + '\t' + identity.fileKey() + '\t' + identity.modifiedNanos() + '\t' + identity.size()
                    + '\t' + updatedMillis;
            return quietOn.isPresent() ? done + QUIET_FIELD + quietOn.get().hex() : done;
        }

        static Optional<Entry> parse(String line) {
            // Split by hand: every hook that lists sessions parses every line.
            int[] tabs = new int[7];
            int count = 0;
            for (int at = line.indexOf('\t'); at >= 0 && count < tabs.length; at = line.indexOf('\t', at + 1)) {
                tabs[count++] = at;
            }
            boolean quiet = count == 6 && tabs[5] == tabs[4] + 1 + QUIET.length()
                    && line.startsWith(QUIET, tabs[4] + 1);
            if (count != 4 && !quiet) {
                return Optional.empty();
            }
            try {
                FileIdentity identity = new FileIdentity(line.substring(tabs[0] + 1, tabs[1]),
                        Long.parseLong(line, tabs[1] + 1, tabs[2], 10), Long.parseLong(line, tabs[2] + 1, tabs[3], 10));
                long updated = Long.parseLong(line, tabs[3] + 1, quiet ? tabs[4] : line.length(), 10);
                return Optional.of(new Entry(line.substring(0, tabs[0]), identity, updated,
                        quiet ? Optional.of(ObjectId.of(line.substring(tabs[5] + 1))) : Optional.empty()));
            } catch (IllegalArgumentException damaged) {   // a number or commit that is none
                return Optional.empty();
            }
        }
    }
}
