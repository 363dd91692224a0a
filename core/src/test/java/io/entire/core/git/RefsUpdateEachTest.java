package io.entire.core.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.entire.core.testing.TestEnvironment;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refs moved each on its own compare-and-swap; many new ones written into packed-refs as git would write it. */
class RefsUpdateEachTest {
    /** Sorted apart by UTF-16 and by UTF-8 bytes: git looks packed refs up by binary search in byte order. */
    private static final List<RefName> UNICODE = List.of(RefName.of("refs/entire/test/\uFF5A"),
            RefName.of("refs/entire/test/\uD83D\uDE00"), RefName.of("refs/entire/test/\u00E9"));

    @TempDir
    Path temp;
    GitRepository repository;
    Git git;
    ObjectId old;
    ObjectId next;

    @BeforeEach
    void setUp() {
        TwoCommits commits = TwoCommits.in(temp.resolve("repo"));
        repository = commits.repository();
        git = repository.git();
        old = commits.old();
        next = commits.next();
    }

    @Test
    void manyNewRefsGoIntoPackedRefsInGitsOrderBesideTheRefsThatWereThere() throws IOException {
        git.run("tag", "-a", "-m", "packed with its peeled line", "v1.0", old.hex());
        git.run("update-ref", "refs/entire/test/moved", old.hex());
        git.run("update-ref", "refs/entire/test/gone", old.hex());
        git.run("pack-refs", "--all");
        String packed = Files.readString(repository.commonDir().resolve("packed-refs"));
        List<RefMove> moves = new ArrayList<>(creations(120));
        UNICODE.forEach(ref -> moves.add(RefMove.update(ref, Expected.absent(), next)));
        moves.add(RefMove.update(RefName.of("refs/entire/test/moved"), Expected.value(old), next));
        moves.add(RefMove.delete(RefName.of("refs/entire/test/gone"), old));

        Map<RefName, RefUpdateResult> results = repository.refs().updateEach(moves, "test");

        assertThat(results).hasSize(moves.size());
        assertThat(results.get(RefName.of("refs/entire/test/moved"))).isEqualTo(RefUpdateResult.UPDATED);
        assertThat(results.get(RefName.of("refs/entire/test/gone"))).isEqualTo(RefUpdateResult.DELETED);
        assertThat(results.values().stream().filter(result -> result == RefUpdateResult.CREATED)).hasSize(123);
        for (RefName ref : UNICODE) {
            assertThat(git.run("rev-parse", "--verify", ref.name()).text()).isEqualTo(next.hex());
        }
        assertThat(git.run("for-each-ref", "refs/entire/test/").text().lines()).hasSize(124);
        assertThat(git.run("rev-parse", "--verify", "refs/entire/test/moved").text()).isEqualTo(next.hex());
        assertThat(looseFiles(repository.commonDir().resolve("refs/entire/test"))).as("only the moved ref is loose")
                .containsExactly(repository.commonDir().resolve("refs/entire/test/moved"));
        String now = Files.readString(repository.commonDir().resolve("packed-refs"));
        assertThat(now).startsWith(packed.lines().findFirst().orElseThrow() + "\n");
        assertThat(now).contains(packed.lines().filter(line -> line.contains("v1.0") || line.startsWith("^"))
                .map(line -> line + "\n").reduce("", String::concat));
        assertThat(git.run("show-ref", "-d", "v1.0").text()).contains("refs/tags/v1.0^{}");
        assertThat(git.run("fsck", "--strict", "--no-dangling").succeeded()).isTrue();
    }

    @Test
    void aWriterStoppedWhileItHoldsThePackedRefsLockRemovesIt() throws Exception {
        Path packed = repository.commonDir().resolve("packed-refs");
        Path lock = repository.commonDir().resolve("packed-refs.lock");
        // A named pipe in its place keeps the writer reading it, under its lock, until the test opens the other end.
        assumeTrue(new ProcessBuilder("mkfifo", packed.toString()).start().waitFor() == 0, "mkfifo");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process writer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                PackedRefsWriter.class.getName(), repository.commonDir().toString(), next.hex())
                .redirectErrorStream(true).start();
        // Opening the pipe's writing end returns once the writer opened its reading end, under the lock.
        CompletableFuture<OutputStream> opened = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.newOutputStream(packed);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try (OutputStream pipe = opened.get(1, TimeUnit.MINUTES)) {
            assertThat(lock).as("taken by the writer").exists();

            writer.destroy();   // SIGTERM, as Ctrl-C's SIGINT: the JVM runs its shutdown hooks

            assertThat(writer.waitFor(1, TimeUnit.MINUTES)).isTrue();
            assertThat(lock).as("git could not delete or pack a ref while it stays").doesNotExist();
        } finally {
            writer.destroyForcibly();
            opened.cancel(true);
        }
    }

    @Test
    void aRefThatExistsIsLockedOrStandsInTheWayIsLeftAsItIs() throws IOException {
        git.run("update-ref", "refs/entire/test/packed", old.hex());
        git.run("update-ref", "refs/entire/test/folder/below", old.hex());
        git.run("pack-refs", "--all");
        git.run("update-ref", "refs/entire/test/loose", old.hex());
        git.run("update-ref", "refs/entire/test/file", old.hex());
        Path lock = repository.commonDir().resolve("refs/entire/test/locked.lock");
        Files.writeString(lock, "a writer's lock\n");
        List<RefMove> moves = new ArrayList<>(creations(120));
        for (String taken : List.of("packed", "loose", "locked", "folder", "file/below")) {
            moves.add(RefMove.update(RefName.of("refs/entire/test/" + taken), Expected.absent(), next));
        }

        Map<RefName, RefUpdateResult> results = repository.refs().updateEach(moves, "test");

        assertThat(results.values().stream().filter(result -> result == RefUpdateResult.CREATED)).hasSize(120);
        for (String stale : List.of("packed", "loose", "folder", "file/below")) {
            assertThat(results.get(RefName.of("refs/entire/test/" + stale))).as(stale)
                    .isEqualTo(RefUpdateResult.REJECTED_STALE);
        }
        assertThat(results.get(RefName.of("refs/entire/test/locked"))).isEqualTo(RefUpdateResult.LOCKED);
        assertThat(git.run("for-each-ref", "--format=%(refname) %(objectname)", "refs/entire/test/packed",
                "refs/entire/test/loose", "refs/entire/test/file", "refs/entire/test/folder").text().lines())
                .containsExactly("refs/entire/test/file " + old.hex(), "refs/entire/test/folder/below " + old.hex(),
                        "refs/entire/test/loose " + old.hex(), "refs/entire/test/packed " + old.hex());
        assertThat(repository.refs().find(RefName.of("refs/entire/test/locked"))).isEmpty();
        assertThat(Files.readString(lock)).isEqualTo("a writer's lock\n");
    }

    @Test
    void throughGitAStaleOrLockedRefLeavesTheOthersToMove() throws IOException {
        git.run("update-ref", "refs/entire/test/loose", old.hex());
        Files.writeString(repository.commonDir().resolve("refs/entire/test/locked.lock"), "a writer's lock\n");
        List<RefMove> moves = new ArrayList<>(creations(3));
        moves.add(RefMove.update(RefName.of("refs/entire/test/loose"), Expected.absent(), next));
        moves.add(RefMove.update(RefName.of("refs/entire/test/locked"), Expected.absent(), next));
        moves.add(RefMove.update(RefName.of("refs/entire/test/loose/below"), Expected.absent(), next));

        Map<RefName, RefUpdateResult> results = repository.refs().updateEach(moves, "test");

        assertThat(results.get(RefName.of("refs/entire/test/loose"))).isEqualTo(RefUpdateResult.REJECTED_STALE);
        assertThat(results.get(RefName.of("refs/entire/test/loose/below"))).as("a ref is in its way")
                .isEqualTo(RefUpdateResult.REJECTED_STALE);
        assertThat(results.get(RefName.of("refs/entire/test/locked"))).isEqualTo(RefUpdateResult.LOCKED);
        assertThat(results.values().stream().filter(result -> result == RefUpdateResult.CREATED)).hasSize(3);
        assertThat(repository.refs().find(RefName.of("refs/entire/test/loose"))).contains(old);
        assertThat(repository.commonDir().resolve("packed-refs")).as("few refs are written loose").doesNotExist();
    }

    @Test
    void withEveryRefLoggedGitWritesTheRefsAndTheirReflogs() {
        git.run("config", "core.logAllRefUpdates", "always");

        Map<RefName, RefUpdateResult> results = repository.refs().updateEach(creations(120), "test");

        assertThat(results.values()).containsOnly(RefUpdateResult.CREATED);
        assertThat(looseFiles(repository.commonDir().resolve("logs/refs/entire/test"))).hasSize(120);
    }

    @Test
    void aReftableRepositoryGetsItsRefsThroughGit() {
        Path directory = temp.resolve("reftable");
        Git probe = new Git(temp);
        assumeTrue(probe.tryRun(List.of("init", "-q", "--ref-format=reftable", directory.toString()), null)
                .succeeded(), "this git has no reftable");
        Git reftable = new Git(directory);
        reftable.run("-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "--allow-empty",
                "-m", "initial");
        GitRepository repository = GitRepository.open(directory, TestEnvironment.ofThisJvm());
        ObjectId head = repository.findCommit("HEAD").orElseThrow();
        List<RefMove> moves = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            moves.add(RefMove.update(RefName.of("refs/entire/test/" + i), Expected.absent(), head));
        }

        assertThat(repository.refs().updateEach(moves, "test").values()).containsOnly(RefUpdateResult.CREATED);
        assertThat(reftable.run("for-each-ref", "refs/entire/test/").text().lines()).hasSize(120);
        assertThat(repository.commonDir().resolve("packed-refs")).doesNotExist();
    }

    @Test
    void refsAreSyncedToDiskExactlyWhenGitsFsyncSettingSaysSo() {
        assertThat(Refs.fsyncsRefs("")).isFalse();
        assertThat(Refs.fsyncsRefs("objects,derived-metadata")).isFalse();
        assertThat(Refs.fsyncsRefs("committed")).isTrue();
        assertThat(Refs.fsyncsRefs("objects, reference")).isTrue();
        assertThat(Refs.fsyncsRefs("all,-reference")).isFalse();
        assertThat(Refs.fsyncsRefs("none,added")).isTrue();
    }

    /** New refs in several folders, as checkpoint refs are in their shards. */
    private List<RefMove> creations(int count) {
        List<RefMove> moves = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            moves.add(RefMove.update(RefName.of("refs/entire/test/%02x/ref-%d".formatted(i % 7, i)), Expected.absent(),
                    next));
        }
        return moves;
    }

    private static List<Path> looseFiles(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
