package io.entire.core.store.branch;

import static io.entire.core.testing.GappedCheckpoint.FOLDER;
import static io.entire.core.testing.GappedCheckpoint.ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.GitRepository;
import io.entire.core.model.CheckpointSummary;
import io.entire.core.model.SessionEntry;
import io.entire.core.store.StoredCheckpoint;
import io.entire.core.store.StoredSession;
import io.entire.core.store.TranscriptChunks;
import io.entire.core.store.WriteKind;
import io.entire.core.testing.GappedCheckpoint;
import io.entire.core.testing.Sessions;
import io.entire.core.testing.TestRepository;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adding a session to a real checkpoint whose slot folders have gaps. */
class GappedSlotsTest {
    @TempDir
    Path temp;

    @Test
    void aSessionAddedToAGappedCheckpointTakesTheNextSlotAndTheIndexNamesEveryFolderOnce() {
        GitRepository sample = TestRepository.upstreamSample(temp.resolve("sample"));
        GappedCheckpoint.write(sample.git());
        try (BranchStore store = new BranchStore(sample, "test",
                new TranscriptChunks(TranscriptChunks.DEFAULT_LIMIT))) {
            assertThat(store.find(ID).orElseThrow().sessions()).extracting(StoredSession::slot)
                    .containsExactly(0, 2, 3);

            store.write(ID, Sessions.content(temp, ID, "added-session", "{\"a\":1}\n", List.of("x.go"),
                    List.of("add")), WriteKind.CHECKPOINT);

            StoredCheckpoint written = store.find(ID).orElseThrow();
            assertThat(written.sessions()).extracting(StoredSession::slot).containsExactly(0, 2, 3, 4);
            CheckpointSummary summary = written.summary();
            assertThat(summary.sessions()).extracting(SessionEntry::metadata).containsExactly(
                    FOLDER + "0/metadata.json", FOLDER + "2/metadata.json", FOLDER + "3/metadata.json",
                    FOLDER + "4/metadata.json");
            assertThat(summary.sessions().get(1).context()).as("slot 2 keeps its own entry")
                    .contains(FOLDER + "2/context.md");
        }
        assertThat(sample.git().run("fsck", "--strict").succeeded()).isTrue();
    }
}
