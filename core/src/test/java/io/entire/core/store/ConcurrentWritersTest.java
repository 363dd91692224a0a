package io.entire.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.GitRepository;
import io.entire.core.id.CheckpointId;
import io.entire.core.store.branch.BranchStore;
import io.entire.core.testing.TestRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentWritersTest {
    @TempDir
    Path temp;

    @Test
    void fourProcessesWritingTwentyFiveCheckpointsEachLoseNothing() throws IOException, InterruptedException {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            writers.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    ConcurrentWriter.class.getName(), repository.workTree().toString(), "25", "writer" + w)
                    .redirectErrorStream(true).start());
        }
        Set<CheckpointId> written = new HashSet<>();
        for (Process writer : writers) {
            String output = new String(writer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(writer.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(writer.exitValue()).as(output).isZero();
            output.lines().map(CheckpointId::of).forEach(written::add);
        }
        assertThat(written).hasSize(100);
        try (BranchStore store = new BranchStore(repository, "test",
                new TranscriptChunks(TranscriptChunks.DEFAULT_LIMIT))) {
            assertThat(new HashSet<>(store.ids())).isEqualTo(written);
            assertThat(store.list()).hasSize(100);
        }
        assertThat(repository.git().run("fsck", "--strict").succeeded()).isTrue();
        assertThat(repository.git().run("rev-list", "--count", "entire/checkpoints/v1").text()).isEqualTo("101");
    }
}
