package io.entire.core.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.Progress;
import io.entire.core.git.Git;
import io.entire.core.git.GitRepository;
import io.entire.core.id.CheckpointId;
import io.entire.core.store.CompactTranscripts;
import io.entire.core.store.StoreSet;
import io.entire.core.store.WriteKind;
import io.entire.core.store.v2.V2StoreTest;
import io.entire.core.testing.Sessions;
import io.entire.core.testing.TestRepository;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a push tells its caller's progress: the refs settled of those that differ from a real bare remote. */
class PushProgressTest {
    private static final List<CheckpointId> IDS = List.of(CheckpointId.of("a3b2c4d5e6f7"),
            CheckpointId.of("b4c3d5e6f7a8"), CheckpointId.of("c5d4e6f7a8b9"));

    @TempDir
    Path temp;

    @Test
    void theQueuedRefsAndTheMirrorBranchAreCountedAndANothingToPushTellsNothing() {
        GitRepository clone = TestRepository.withCommit(temp.resolve("clone"));
        Path remote = temp.resolve("remote.git");
        new Git(temp).run("init", "-q", "--bare", "-b", "main", remote.toString());
        clone.git().run("remote", "add", "origin", remote.toUri().toString());
        try (StoreSet stores = stores(clone)) {
            for (CheckpointId id : IDS) {
                stores.write(id, Sessions.content(temp.resolve("transcripts"), id, "s-" + id, "{\"n\":1}\n",
                        List.of("a.txt"), List.of("prompt")), WriteKind.CHECKPOINT);
            }
        }
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();

        PushReport pushed = push(clone, (done, total) -> first.add(done + "/" + total));
        PushReport nothing = push(clone, (done, total) -> second.add(done + "/" + total));

        assertThat(pushed.pushed()).isEqualTo(IDS.size());
        assertThat(pushed.branchPushed()).isTrue();
        // one git push answers for the three refs at once, then the branch is settled
        assertThat(first).containsExactly("0/4", "3/4", "4/4");
        assertThat(nothing.pushed()).isZero();
        assertThat(second).isEmpty();
    }

    private static PushReport push(GitRepository clone, Progress progress) {
        try (StoreSet stores = stores(clone)) {
            return new CheckpointPusher(clone, stores).push(clone.remote("origin"), progress);
        }
    }

    private static StoreSet stores(GitRepository clone) {
        return StoreSet.open(clone, V2StoreTest.settings(clone,
                "{\"strategy_options\": {\"checkpoint_store\": \"refs-v1-mirror\"}}"), "test",
                new PushQueue(clone.commonDir()), CompactTranscripts.NONE, 2);
    }
}
