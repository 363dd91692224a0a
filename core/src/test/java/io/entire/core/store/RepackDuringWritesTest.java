package io.entire.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.RandomSource;
import io.entire.core.Warning;
import io.entire.core.git.Git;
import io.entire.core.git.GitRepository;
import io.entire.core.id.CheckpointId;
import io.entire.core.push.PushQueue;
import io.entire.core.settings.Settings;
import io.entire.core.store.v2.V2StoreTest;
import io.entire.core.testing.Sessions;
import io.entire.core.testing.TestRepository;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One store set (its git workers live as long as it does) writes checkpoints while other processes repack the
 * repository in a loop, as git's own auto-gc does under a busy user: every write must land, in both stores.
 */
class RepackDuringWritesTest {
    private static final int WRITES = 20;

    @TempDir
    Path temp;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)   // a repacker that never succeeds would leave the writes waiting
    void everyWriteLandsWhileRepacksRunBesideIt() throws InterruptedException {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        Git git = repository.git();
        Settings mirror = V2StoreTest.settings(repository,
                "{\"strategy_options\": {\"checkpoint_store\": \"refs-v1-mirror\"}}");
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger repacks = new AtomicInteger();
        Thread repacker = new Thread(() -> {
            while (writing.get()) {
                // repack -a -d packs what the writes made reachable and drops their loose copies; gc does the same
                // with its own options. Either may lose a race with the other's lock; the writes are what count.
                if (git.tryRun(repacks.get() % 2 == 0 ? List.of("repack", "-a", "-d", "-q") : List.of("gc", "-q"),
                        null).succeeded()) {
                    synchronized (repacks) {
                        repacks.incrementAndGet();
                        repacks.notifyAll();
                    }
                }
            }
        }, "repacker");
        repacker.start();
        List<CheckpointId> written = new ArrayList<>();
        List<Warning> warnings = new ArrayList<>();
        try (StoreSet stores = StoreSet.open(repository, mirror, "test", new PushQueue(repository.commonDir()))) {
            for (int i = 0; i < WRITES; i++) {
                awaitRepackAfter(repacks);   // so that every write meets objects only a newer pack holds
                CheckpointId id = stores.newCheckpointId(Clock.systemUTC(), RandomSource.system());
                warnings.addAll(stores.write(id, Sessions.content(temp.resolve("scratch"), id, "session-" + i,
                        "{\"n\":" + i + "}\n", List.of("file-" + i + ".txt"), List.of("prompt " + i)),
                        WriteKind.CHECKPOINT).mirrorWarnings());
                written.add(id);
            }
        } finally {
            writing.set(false);
            repacker.join();
        }
        assertThat(warnings).isEmpty();
        try (StoreSet stores = StoreSet.open(repository, mirror, "test", new PushQueue(repository.commonDir()))) {
            assertThat(new HashSet<>(stores.primary().ids())).containsExactlyInAnyOrderElementsOf(written);
            assertThat(new HashSet<>(stores.branchStore().orElseThrow().ids()))
                    .containsExactlyInAnyOrderElementsOf(written);
        }
        assertThat(git.run("fsck", "--strict").succeeded()).isTrue();
    }

    private static void awaitRepackAfter(AtomicInteger repacks) throws InterruptedException {
        synchronized (repacks) {
            int seen = repacks.get();
            while (repacks.get() <= seen + 1) {   // one more might have started before this write's objects existed
                repacks.wait();
            }
        }
    }
}
