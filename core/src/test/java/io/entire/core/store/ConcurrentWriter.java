package io.entire.core.store;

import io.entire.core.RandomSource;
import io.entire.core.git.GitRepository;
import io.entire.core.id.CheckpointId;
import io.entire.core.store.branch.BranchStore;
import io.entire.core.testing.Sessions;
import java.nio.file.Path;
import java.util.List;

/** A separate process for the concurrency test: writes N new checkpoints to one repository's v1 branch. */
public final class ConcurrentWriter {
    private ConcurrentWriter() {
    }

    public static void main(String[] args) {
        Path repository = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        String writer = args[2];
        RandomSource random = RandomSource.system();
        try (BranchStore store = new BranchStore(GitRepository.open(repository), "test",
                new TranscriptChunks(TranscriptChunks.DEFAULT_LIMIT))) {
            for (int i = 0; i < count; i++) {
                CheckpointId id = CheckpointId.newLegacy(random);
                store.write(id, Sessions.content(repository.resolve(".git/test-scratch"), id, writer + "-" + i,
                        "{\"writer\":\"" + writer + "\",\"n\":" + i + "}\n", List.of(writer + "/" + i + ".txt"),
                        List.of("prompt " + i)), WriteKind.CHECKPOINT);
                System.out.println(id);
            }
        }
    }
}
