package io.entire.core.store.branch;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.Environment;
import io.entire.core.git.GitRepository;
import io.entire.core.id.CheckpointId;
import io.entire.core.store.TranscriptChunks;
import io.entire.core.store.WriteKind;
import io.entire.core.testing.Sessions;
import io.entire.core.testing.TestRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first checkpoint of a clone starts the v1 branch from a remote's copy when one was fetched; the remotes'
 * names are asked for only when there is such a copy to choose from (each git process is milliseconds of a hook).
 */
class BranchStoreFirstWriteTest {
    private static final CheckpointId ID = CheckpointId.of("a3b2c4d5e6f7");

    @TempDir
    Path temp;

    @Test
    void withoutARemoteCopyNoRemoteIsAskedFor() throws IOException {
        Path directory = temp.resolve("repo");
        TestRepository.withCommit(directory).git().run("remote", "add", "origin", temp.resolve("nowhere").toString());
        Path trace = temp.resolve("trace.json");

        write(traced(directory, trace));

        String commands = Files.readString(trace, StandardCharsets.UTF_8);
        assertThat(commands).as("git traced the writes").contains("\"argv\":[\"git\",\"for-each-ref\"");
        assertThat(commands).doesNotContain("\"argv\":[\"git\",\"remote\"");
    }

    @Test
    void aRemoteCopyIsStillWhereTheBranchStarts() {
        Path directory = temp.resolve("repo");
        GitRepository repository = TestRepository.withCommit(directory);
        repository.git().run("remote", "add", "origin", temp.resolve("nowhere").toString());
        String copy = repository.git().run("commit-tree", "-m", "Their checkpoints",
                repository.git().run("mktree").text().strip()).text().strip();
        repository.git().run("update-ref", "refs/remotes/origin/entire/checkpoints/v1", copy);

        write(repository);

        assertThat(repository.git().run("rev-parse", "entire/checkpoints/v1^").text().strip()).isEqualTo(copy);
    }

    private void write(GitRepository repository) {
        try (BranchStore store = new BranchStore(repository, "test",
                new TranscriptChunks(TranscriptChunks.DEFAULT_LIMIT))) {
            store.write(ID, Sessions.content(temp, ID, "session-1", "{\"a\":1}\n", List.of("src/a.txt"),
                    List.of("first")), WriteKind.CHECKPOINT);
        }
    }

    private GitRepository traced(Path directory, Path trace) {
        Map<String, String> variables = new HashMap<>(System.getenv());
        variables.put("GIT_TRACE2_EVENT", trace.toString());
        return GitRepository.open(directory, Environment.of(variables, directory, temp));
    }
}
