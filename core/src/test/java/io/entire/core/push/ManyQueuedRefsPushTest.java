package io.entire.core.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.Git;
import io.entire.core.git.GitRepository;
import io.entire.core.git.RefName;
import io.entire.core.store.CompactTranscripts;
import io.entire.core.store.StoreSet;
import io.entire.core.store.v2.V2StoreTest;
import io.entire.core.testing.TestRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * More queued refs than one git push names at once, to a real bare remote: when they are all that differs under the
 * checkpoint prefix, one push with a glob refspec sends them (git takes minutes over 10,000 named refspecs); a ref
 * fetched from elsewhere is never pushed, so then they go by name, in batches.
 */
class ManyQueuedRefsPushTest {
    private static final int COUNT = CheckpointPusher.MAX_REFS_AT_ONCE + 100;

    @TempDir
    Path temp;
    GitRepository clone;
    Path remote;
    List<RefName> refs;

    @BeforeEach
    void queueManyRefs() {
        clone = TestRepository.withCommit(temp.resolve("clone"));
        remote = temp.resolve("remote.git");
        new Git(temp).run("init", "-q", "--bare", "-b", "main", remote.toString());
        clone.git().run("remote", "add", "origin", remote.toUri().toString());
        refs = new ArrayList<>();
        StringBuilder stream = new StringBuilder();
        for (int i = 0; i < COUNT; i++) {
            String id = String.format("%012x", 0xa00000000000L + i * 7919L);
            RefName ref = RefName.of("refs/entire/checkpoints/" + id.substring(10) + "/" + id);
            refs.add(ref);
            String metadata = "{\"checkpoint_id\": \"" + id + "\"}\n";
            stream.append("commit ").append(ref.name()).append("\ncommitter Gen <gen@example.com> 1760000000 +0000\n")
                    .append("data 25\nCheckpoint: ").append(id).append("\nM 100644 inline metadata.json\ndata ")
                    .append(metadata.length()).append('\n').append(metadata).append('\n');
        }
        clone.git().run(List.of("fast-import", "--quiet"), stream.toString().getBytes(StandardCharsets.UTF_8));
        new PushQueue(clone.commonDir()).addAll(refs);
    }

    private PushReport push(List<String> progress) {
        try (StoreSet stores = StoreSet.open(clone, V2StoreTest.settings(clone,
                "{\"strategy_options\": {\"checkpoint_store\": \"refs-v1\"}}"), "test",
                new PushQueue(clone.commonDir()), CompactTranscripts.NONE, 2)) {
            return new CheckpointPusher(clone, stores).push(clone.remote("origin"),
                    (done, total) -> progress.add(done + "/" + total));
        }
    }

    private List<String> remoteRefs() {
        return new Git(remote).run("for-each-ref", "--format=%(refname)", "refs/entire/").text().lines().toList();
    }

    @Test
    void whenTheQueuedRefsAreAllThatDiffersOnePushSendsThemAll() {
        List<String> progress = new ArrayList<>();

        PushReport report = push(progress);

        assertThat(report.pushed()).isEqualTo(COUNT);
        assertThat(progress).as("settled by one git push").containsExactly("0/" + COUNT, COUNT + "/" + COUNT);
        assertThat(remoteRefs()).hasSize(COUNT);
        assertThat(new PushQueue(clone.commonDir()).entries()).isEmpty();
    }

    @Test
    void aRefFetchedFromElsewhereIsNotPushedWithThem() {
        String fetched = "refs/entire/checkpoints/99/0000000f0099";
        clone.git().run("update-ref", fetched, refs.get(0).name());
        List<String> progress = new ArrayList<>();

        PushReport report = push(progress);

        assertThat(report.pushed()).isEqualTo(COUNT);
        assertThat(progress).as("named in batches").hasSizeGreaterThan(2);
        assertThat(remoteRefs()).hasSize(COUNT).doesNotContain(fetched);
        assertThat(new PushQueue(clone.commonDir()).entries()).isEmpty();
    }
}
