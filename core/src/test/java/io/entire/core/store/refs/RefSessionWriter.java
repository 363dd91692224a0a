package io.entire.core.store.refs;

import io.entire.core.git.GitRepository;
import io.entire.core.id.CheckpointId;
import io.entire.core.push.PushQueue;
import io.entire.core.store.TranscriptChunks;
import io.entire.core.store.WriteKind;
import io.entire.core.testing.Sessions;
import java.nio.file.Path;
import java.util.List;

/** A separate process for the ref-store race test: adds N sessions to one checkpoint. */
public final class RefSessionWriter {
    private RefSessionWriter() {
    }

    public static void main(String[] args) {
        Path repository = Path.of(args[0]);
        CheckpointId id = CheckpointId.of(args[1]);
        GitRepository git = GitRepository.open(repository);
        try (RefStore store = new RefStore(git, "test", new TranscriptChunks(TranscriptChunks.DEFAULT_LIMIT),
                new PushQueue(git.commonDir()))) {
            for (int i = 0; i < Integer.parseInt(args[3]); i++) {
                store.write(id, Sessions.content(repository.resolve(".git/test-scratch"), id, args[2] + "-" + i,
                        "{\"n\":" + i + "}\n", List.of(args[2] + ".txt"), List.of()), WriteKind.CHECKPOINT);
            }
        }
    }
}
