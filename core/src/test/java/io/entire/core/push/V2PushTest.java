package io.entire.core.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.Progress;
import io.entire.core.git.Git;
import io.entire.core.git.GitRepository;
import io.entire.core.id.CheckpointId;
import io.entire.core.store.CompactTranscripts;
import io.entire.core.store.StoreSet;
import io.entire.core.store.StoredCheckpoint;
import io.entire.core.store.StoredSession;
import io.entire.core.store.WriteKind;
import io.entire.core.store.v2.V2Refs;
import io.entire.core.store.v2.V2Store;
import io.entire.core.store.v2.V2StoreTest;
import io.entire.core.testing.Sessions;
import io.entire.core.testing.TestEnvironment;
import io.entire.core.testing.TestRepository;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pushing the v2 refs from clones that each wrote and rotated on their own: whatever order the pushes come in, the
 * remote ends up with every checkpoint and every raw transcript, and no push is refused for good.
 */
class V2PushTest {
    private static final String V2_ON = "{\"strategy_options\": {\"checkpoints_v2\": true}}";

    @TempDir
    Path temp;
    Path remote;
    GitRepository alice;
    GitRepository bob;
    int generationSize = 2;
    /** Raw transcript by checkpoint and session id, for every session any clone wrote. */
    final Map<String, String> written = new LinkedHashMap<>();

    @BeforeEach
    void setUp() {
        remote = temp.resolve("remote.git");
        new Git(temp).run("init", "-q", "--bare", "-b", "main", remote.toString());
        alice = TestRepository.withCommit(temp.resolve("alice"));
        alice.git().run("remote", "add", "origin", remote.toUri().toString());
        alice.git().run("push", "-q", "origin", "main");
        bob = cloneAs("bob");
    }

    @Test
    void aRotationAfterAPushIsPublishedWithoutLosingTheArchivedGeneration() {
        write(alice, "a3b2c4d5e6f7", "s1");
        assertThat(push(alice).failed()).isEmpty();
        write(alice, "b3b2c4d5e6f7", "s2");   // fills the generation: archive 1, fresh /full/current
        write(alice, "c3b2c4d5e6f7", "s3");

        PushReport report = push(alice);

        assertThat(report.failed()).isEmpty();
        assertThat(refsOn(remote))
                .containsEntry(V2Refs.CURRENT.name(), refsOn(alice.workTree()).get(V2Refs.CURRENT.name()))
                .containsKey(V2Refs.archive(1).name());
        assertEverythingReadableFromTheRemote();
    }

    @Test
    void twoClonesThatWroteDifferentCheckpointsBothLandEverything() {
        generationSize = 3;
        write(alice, "a3b2c4d5e6f7", "s1");
        write(bob, "b3b2c4d5e6f7", "s2");
        assertThat(push(alice).failed()).isEmpty();

        PushReport report = push(bob);

        assertThat(report.failed()).isEmpty();
        assertThat(report.reconciled()).as("/main, then /full/current").isGreaterThanOrEqualTo(2);
        assertThat(new Git(remote).run("show", V2Refs.CURRENT.name() + ":generation.json").text())
                .contains("a3b2c4d5e6f7", "b3b2c4d5e6f7");
        assertEverythingReadableFromTheRemote();
        assertThat(push(alice).failed()).as("alice takes bob's merge as a fast-forward").isEmpty();
        assertThat(refsOn(alice.workTree()).get(V2Refs.MAIN.name())).isEqualTo(refsOn(remote).get(V2Refs.MAIN.name()));
    }

    @Test
    void clonesThatRotatedOnTheirOwnKeepBothGenerations() {
        for (String id : List.of("a1", "a2", "a3")) {
            write(alice, id + "b2c4d5e6f7", "alice-" + id);
        }
        for (String id : List.of("b1", "b2", "b3")) {
            write(bob, id + "b2c4d5e6f7", "bob-" + id);
        }
        assertThat(push(alice).failed()).isEmpty();

        PushReport report = push(bob);

        assertThat(report.failed()).isEmpty();
        assertThat(refsOn(remote)).as("bob's archive took the next free number")
                .containsKeys(V2Refs.archive(1).name(), V2Refs.archive(2).name());
        assertEverythingReadableFromTheRemote();
        assertThat(push(alice).failed()).isEmpty();
        assertThat(push(bob).failed()).isEmpty();
    }

    @Test
    void aRemoteThatRotatedWhileThisCloneDidNotGetsOnlyTheNewCheckpoints() {
        generationSize = 3;
        write(alice, "a1b2c4d5e6f7", "s1");
        assertThat(push(alice).failed()).isEmpty();
        bob.git().run("fetch", "-q", "origin", "refs/entire/checkpoints/v2/*:refs/entire/checkpoints/v2/*");
        write(alice, "a2b2c4d5e6f7", "s2");
        write(alice, "a3b2c4d5e6f7", "s3");   // alice rotates: archive 1 holds a1, a2 and a3
        assertThat(push(alice).failed()).isEmpty();
        write(bob, "b1b2c4d5e6f7", "s4");     // bob still writes onto the generation alice archived

        PushReport report = push(bob);

        assertThat(report.failed()).isEmpty();
        String current = new Git(remote).run("show", V2Refs.CURRENT.name() + ":generation.json").text();
        assertThat(current).contains("b1b2c4d5e6f7").doesNotContain("a1b2c4d5e6f7");
        assertEverythingReadableFromTheRemote();
    }

    @Test
    void theSameCheckpointWrittenInTwoClonesKeepsEachSessionWithItsOwnTranscript() {
        write(alice, "a3b2c4d5e6f7", "alice-session");
        write(bob, "a3b2c4d5e6f7", "bob-session");
        assertThat(push(alice).failed()).isEmpty();

        PushReport report = push(bob);

        assertThat(report.failed()).isEmpty();
        assertEverythingReadableFromTheRemote();
    }

    /**
     * A fetch of more than 100 objects keeps the pack it received (git's unpack limit) instead of loose objects, so
     * git processes that started before it do not see them; the first push must still land.
     */
    @Test
    void aTeammatesPushOfManyObjectsIsMergedAtTheFirstPush() {
        generationSize = 100;
        try (StoreSet stores = stores(alice)) {
            for (int i = 0; i < 30; i++) {
                String id = "%02db2c4d5e6f7".formatted(i + 10);
                String transcript = "{\"clone\":\"alice\",\"n\":" + i + "}\n";
                stores.write(CheckpointId.of(id), Sessions.content(temp.resolve("transcripts"), CheckpointId.of(id),
                        "alice-" + i, transcript, List.of("a" + i + ".txt"), List.of("prompt " + i)),
                        WriteKind.CHECKPOINT);
                written.put(id + "/alice-" + i, transcript);
            }
        }
        assertThat(push(alice).failed()).isEmpty();
        write(bob, "ffb2c4d5e6f7", "bob-session");

        PushReport report = push(bob);

        assertThat(report.failed()).isEmpty();
        assertEverythingReadableFromTheRemote();
    }

    private void write(GitRepository clone, String id, String sessionId) {
        CheckpointId checkpoint = CheckpointId.of(id);
        String transcript = "{\"clone\":\"" + clone.workTree().getFileName() + "\",\"session\":\"" + sessionId
                + "\"}\n";
        try (StoreSet stores = stores(clone)) {
            stores.write(checkpoint, Sessions.content(temp.resolve("transcripts"), checkpoint, sessionId, transcript,
                    List.of("a.txt"), List.of("prompt")), WriteKind.CHECKPOINT);
        }
        written.put(id + "/" + sessionId, transcript);
    }

    private PushReport push(GitRepository clone) {
        try (StoreSet stores = stores(clone)) {
            return new CheckpointPusher(clone, stores).push(clone.remote("origin"), Progress.NONE);
        }
    }

    private StoreSet stores(GitRepository clone) {
        return StoreSet.open(clone, V2StoreTest.settings(clone, V2_ON), "test",
                new PushQueue(clone.commonDir()), CompactTranscripts.NONE,
                generationSize);
    }

    /** A clone that fetches only the remote's v2 refs finds every session any clone wrote, with its raw transcript. */
    private void assertEverythingReadableFromTheRemote() {
        GitRepository carol = cloneAs("carol-" + System.nanoTime());
        carol.git().run("fetch", "-q", "origin", "refs/entire/checkpoints/v2/*:refs/entire/checkpoints/v2/*");
        Map<String, String> found = new LinkedHashMap<>();
        try (StoreSet stores = stores(carol)) {
            V2Store v2 = stores.v2Store().orElseThrow();
            for (CheckpointId id : v2.ids()) {
                StoredCheckpoint checkpoint = v2.find(id).orElseThrow();
                for (StoredSession session : checkpoint.sessions()) {
                    ByteArrayOutputStream raw = new ByteArrayOutputStream();
                    v2.copyTranscript(checkpoint, session, raw);
                    found.put(id.value() + "/" + session.metadata().sessionId().value(),
                            raw.toString(StandardCharsets.UTF_8));
                }
            }
        }
        assertThat(found).containsExactlyInAnyOrderEntriesOf(written);
        assertThat(new Git(remote).tryRun(List.of("fsck", "--strict"), null).succeeded()).isTrue();
    }

    private GitRepository cloneAs(String name) {
        Path directory = temp.resolve(name);
        new Git(temp).run("clone", "-q", remote.toUri().toString(), directory.toString());
        Git git = new Git(directory);
        git.run("config", "user.name", "Test User");
        git.run("config", "user.email", "test@example.com");
        git.run("config", "commit.gpgsign", "false");
        return GitRepository.open(directory, TestEnvironment.ofThisJvm());
    }

    private static Map<String, String> refsOn(Path repository) {
        Map<String, String> refs = new LinkedHashMap<>();
        new Git(repository).run("for-each-ref", "--format=%(refname) %(objectname)", "refs/entire/").text().lines()
                .forEach(line -> refs.put(line.substring(0, line.indexOf(' ')), line.substring(line.indexOf(' ') + 1)));
        return refs;
    }
}
