package io.entire.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.Environment;
import io.entire.core.WatchedFolders;
import io.entire.core.agent.Agents;
import io.entire.core.git.ObjectId;
import io.entire.core.id.SessionId;
import io.entire.core.model.TokenUsage;
import io.entire.core.redact.RedactionRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The listings hooks make: sessions with nothing owed (done, or quiet between turns) are skipped unread while their
 * state files stay the same, and whatever changes a state file (any writer, any tool) makes the next listing read it.
 */
class SessionListingTest {
    private static final ObjectId BASE = ObjectId.of("0123456789abcdef0123456789abcdef01234567");
    private static final ObjectId HEAD = ObjectId.of("89abcdef0123456789abcdef0123456789abcdef");
    private static final Instant T0 = Instant.parse("2026-02-06T05:12:45.809Z");

    @TempDir
    Path commonDir;
    @TempDir
    Path watchFolder;
    WatchedFolders watched = WatchedFolders.none();

    @AfterEach
    void stopWatching() {
        watched.close();
    }

    /** A store as a hook of its own lists it, or as the hook server's hooks do, through its watched folders. */
    private SessionStore store(boolean served) {
        if (!served) {
            return new SessionStore(commonDir, RedactionRules.NONE);
        }
        watched = WatchedFolders.open(watchFolder, Duration.ofSeconds(5));
        return new SessionStore(commonDir, Environment.of(Map.of(), commonDir, commonDir).withFolders(watched),
                RedactionRules.NONE);
    }

    private static SessionState saved(SessionStore store, SessionState state) {
        try (SessionLock lock = store.lock(state.sessionId())) {
            store.save(state);
        }
        return state;
    }

    private static SessionState active(String id) {
        return SessionState.start(SessionId.of(id), Agents.bySlug("claude-code"), Path.of("/work/repo"), "", BASE,
                Optional.empty(), List.of(), T0).startTurn(Optional.of("Write a"), 0, Optional.empty(), T0);
    }

    private static SessionState quiet(String id) {
        return active(id).endTurn(Optional.empty(), Optional.empty(), T0.plusSeconds(3));
    }

    private static SessionState withStep(String id) {
        Step step = new Step(1, T0.plusSeconds(5), List.of(new FileSnapshot("a.txt", Optional.of(BASE))),
                List.of("Write a"), TokenUsage.ZERO, 3);
        return active(id).endTurn(Optional.of(step), Optional.empty(), T0.plusSeconds(5));
    }

    private static List<String> ids(List<SessionState> states) {
        return states.stream().map(state -> state.sessionId().value()).sorted().toList();
    }

    /** Rewrites a state file in place, keeping its size, file and modification time: only a read tells. */
    private static void changeUnnoticeably(Path file, String from, String to) throws IOException {
        FileTime written = Files.getLastModifiedTime(file);
        String text = Files.readString(file);
        assertThat(text).contains(from);
        assertThat(to).hasSameSizeAs(from);
        Files.writeString(file, text.replace(from, to));
        Files.setLastModifiedTime(file, written);
    }

    @Test
    void aQuietSessionIsListedOnlyWhereACommitConcernsItAndSkippedUnreadThere() throws IOException {
        SessionStore store = new SessionStore(commonDir, RedactionRules.NONE);
        saved(store, quiet("quiet"));
        saved(store, active("active"));
        saved(store, withStep("stepped"));
        saved(store, quiet("done").ended(T0.plusSeconds(4)));

        assertThat(ids(store.listLive())).containsExactly("active", "quiet", "stepped");
        assertThat(ids(store.listWithWork())).containsExactly("active", "stepped");
        assertThat(ids(store.listConcerning(BASE))).as("already on that commit").containsExactly("active", "stepped");
        assertThat(ids(store.listConcerning(HEAD))).as("a commit moves it").containsExactly("active", "quiet",
                "stepped");

        // Moved to HEAD behind the cache's back, with its size, file and time: a listing for BASE does not read it.
        changeUnnoticeably(store.directory().resolve("quiet.json"), BASE.hex(), HEAD.hex());
        assertThat(ids(store.listConcerning(BASE))).as("not read").containsExactly("active", "stepped");
        assertThat(ids(store.listLive())).as("read").containsExactly("active", "quiet", "stepped");
    }

    @ParameterizedTest(name = "served: {0}")
    @ValueSource(booleans = {false, true})
    void aQuietSessionAnotherToolGaveWorkIsFoundByTheNextListing(boolean served) throws IOException {
        SessionStore store = store(served);
        saved(store, quiet("quiet"));
        assertThat(store.listWithWork()).isEmpty();
        Path file = store.directory().resolve("quiet.json");

        // The Go tool writes a temporary file and renames it over the state: a new file, whatever its time.
        FileTime written = Files.getLastModifiedTime(file);
        Path temporary = store.directory().resolve("quiet.json.tmp");
        Files.writeString(temporary, Files.readString(file).replace("\"checkpoint_count\": 0",
                "\"checkpoint_count\": 1").replace("\"phase\": \"idle\"", "\"phase\": \"active\""));
        Files.setLastModifiedTime(temporary, written);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        assertThat(ids(store.listWithWork())).containsExactly("quiet");
        assertThat(ids(store.listConcerning(BASE))).containsExactly("quiet");
    }

    @Test
    void aQuietSessionRebasedElsewhereIsListedForACommitAgain() {
        SessionStore store = new SessionStore(commonDir, RedactionRules.NONE);
        SessionState quiet = saved(store, quiet("quiet"));
        assertThat(store.listConcerning(BASE)).isEmpty();

        saved(store, quiet.rebased(HEAD, List.of(), T0.plusSeconds(9)));

        assertThat(store.listConcerning(HEAD)).isEmpty();
        assertThat(ids(store.listConcerning(BASE))).containsExactly("quiet");
    }

    @Test
    void aCacheAnOlderVersionWroteStillSkipsItsDoneSessionsAndKeepsTheirLinesReadableToIt() throws IOException {
        SessionStore store = new SessionStore(commonDir, RedactionRules.NONE);
        saved(store, quiet("done").ended(T0.plusSeconds(4)));
        saved(store, quiet("quiet"));
        store.listLive();
        Path cache = store.directory().resolve(RestingSessions.FILE);
        List<String> oldLines = Files.readAllLines(cache).stream().filter(line -> line.startsWith("done\t")).toList();
        assertThat(oldLines).singleElement().satisfies(line -> assertThat(line.split("\t")).hasSize(5));
        Files.write(cache, oldLines);   // all an older version writes: the done sessions, five fields each

        changeUnnoticeably(store.directory().resolve("done.json"), "\"phase\": \"ended\"", "\"phase\": \"idle\" ");
        assertThat(ids(store.listLive())).as("the done one not read").containsExactly("quiet");
        assertThat(store.listWithWork()).isEmpty();
        assertThat(Files.readAllLines(cache)).contains(oldLines.get(0)).hasSize(2);
    }

    @Test
    void aWriterKilledHalfwayLeavesNothingThatHidesASession() throws IOException {
        SessionStore store = new SessionStore(commonDir, RedactionRules.NONE);
        saved(store, quiet("quiet"));
        saved(store, withStep("stepped"));
        store.listLive();
        Path cache = store.directory().resolve(RestingSessions.FILE);
        String whole = Files.readString(cache);

        // A listing killed while writing its cache: a temporary file, never renamed; another cut mid-line.
        Files.writeString(store.directory().resolve(RestingSessions.FILE + ".4242-1.entire-tmp"), whole);
        Files.writeString(cache, whole.substring(0, whole.length() - 5));
        // A state writer killed before its rename: a temporary state that is no session.
        Files.writeString(store.directory().resolve("other.json.entire-tmp"), "{\"session_id\": \"oth");

        assertThat(ids(store.listLive())).containsExactly("quiet", "stepped");
        assertThat(ids(store.listWithWork())).containsExactly("stepped");
        saved(store, withStep("quiet"));
        assertThat(ids(store.listWithWork())).containsExactly("quiet", "stepped");
    }

    @ParameterizedTest(name = "served: {0}")
    @ValueSource(booleans = {false, true})
    void concurrentWritersAndListingsNeverHideASessionWithWork(boolean served) throws Exception {
        SessionStore store = store(served);
        for (int i = 0; i < 200; i++) {
            saved(store, quiet("done-%03d".formatted(i)).ended(T0.plusSeconds(4)));
        }
        int writers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Void>> running = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String id = "writer-" + w;
                running.add(pool.submit((Callable<Void>) () -> {
                    for (int round = 0; round < 40; round++) {
                        boolean work = round % 2 == 0;
                        saved(store, work ? withStep(id) : quiet(id));
                        assertThat(ids(store.listWithWork()).contains(id)).as(id + " in round " + round)
                                .isEqualTo(work);
                        assertThat(ids(store.listConcerning(HEAD))).as(id + " in round " + round).contains(id);
                    }
                    return null;
                }));
            }
            for (Future<Void> writer : running) {
                writer.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(ids(store.listConcerning(BASE))).isEmpty();
        assertThat(store.directory()).isDirectoryNotContaining("glob:**.entire-tmp");
    }
}
