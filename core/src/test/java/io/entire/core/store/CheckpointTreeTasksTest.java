package io.entire.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.GitRepository;
import io.entire.core.git.GitWorkers;
import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import io.entire.core.testing.Sessions;
import io.entire.core.testing.TestRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Subagent records in {@code tasks/<tool-use-id>/} beside a checkpoint's session slots (FORMATS.md section 2). */
class CheckpointTreeTasksTest {
    private static final CheckpointId ID = CheckpointId.of("a3b2c4d5e6f7");
    private static final FolderVersion VERSION = new FolderVersion("9.9.9", Optional.empty());

    @TempDir
    Path temp;

    @Test
    void tasksAreWrittenBesideTheSlotsKeptByLaterWritesAndCarriedWhenAWriteIsReplayedOntoAnotherCopy()
            throws IOException {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        Path subagent = Files.writeString(temp.resolve("subagent.jsonl"), "{\"type\":\"user\"}\n");
        SessionContent first = withTask(Sessions.content(temp, ID, "s1", "one\n", List.of("a"), List.of("p")),
                new SubagentTask(SessionId.of("s1"), "toolu_1", "line-1", "ab94da7", Optional.of(subagent)));
        SessionContent second = withTask(Sessions.content(temp, ID, "s2", "two\n", List.of("b"), List.of()),
                new SubagentTask(SessionId.of("s2"), "toolu_2", "line-9", "cd12", Optional.empty()));
        try (GitWorkers workers = new GitWorkers(repository)) {
            CheckpointTree tree = new CheckpointTree(workers.reader(), workers.writer(),
                    new TranscriptChunks(TranscriptChunks.DEFAULT_LIMIT));
            ObjectId ours = tree.write(ID, Optional.empty(), first, "", VERSION).folder();
            ObjectId both = tree.write(ID, Optional.of(ours), second, "", VERSION).folder();
            ObjectId theirs = tree.write(ID, Optional.empty(), Sessions.content(temp, ID, "s3", "three\n",
                    List.of("c"), List.of()), "", VERSION).folder();
            ObjectId replayed = tree.replaySessions(ID, Optional.of(theirs), ours, Optional.empty(), "", VERSION)
                    .folder();

            assertThat(files(repository, both)).contains("0/full.jsonl", "1/full.jsonl",
                    "tasks/toolu_1/checkpoint.json", "tasks/toolu_1/agent-ab94da7.jsonl",
                    "tasks/toolu_2/checkpoint.json").doesNotContain("tasks/toolu_2/agent-cd12.jsonl");
            assertThat(repository.git().run("cat-file", "-p", both.hex() + ":tasks/toolu_1/checkpoint.json").text())
                    .isEqualTo("""
                            {
                              "session_id": "s1",
                              "tool_use_id": "toolu_1",
                              "checkpoint_uuid": "line-1",
                              "agent_id": "ab94da7"
                            }""");
            assertThat(tree.read(ID, both).sessions()).hasSize(2);
            assertThat(files(repository, replayed)).contains("0/full.jsonl", "1/full.jsonl",
                    "tasks/toolu_1/agent-ab94da7.jsonl");
        }
    }

    private static SessionContent withTask(SessionContent content, SubagentTask task) {
        return new SessionContent(content.metadata(), content.transcript(), content.compactTranscript(),
                content.prompts(), List.of(task));
    }

    private static List<String> files(GitRepository repository, ObjectId folder) {
        return repository.git().run("ls-tree", "-r", "--name-only", folder.hex()).text().lines().toList();
    }
}
