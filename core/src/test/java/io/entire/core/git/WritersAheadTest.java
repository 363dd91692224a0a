package io.entire.core.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.Environment;
import io.entire.core.testing.TestRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer told to expect commits starts its blob and tree processes at once, so that the caller's first write does
 * not wait for them to start: they serve the writes that follow as if started then, and one never used ends with the
 * writer.
 */
class WritersAheadTest {
    @TempDir
    Path temp;

    @Test
    void theBlobAndTreeProcessesStartAheadAndEndWithTheWriterWhenNeverUsed() throws Exception {
        Path directory = temp.resolve("repo");
        TestRepository.withCommit(directory);
        Path trace = temp.resolve("trace.json");
        Map<String, String> variables = new HashMap<>(System.getenv());
        variables.put("GIT_TRACE2_EVENT", trace.toString());
        GitRepository traced = GitRepository.open(directory, Environment.of(variables, directory, temp));

        try (ObjectWriter writer = traced.openWriter()) {
            writer.expectCommits();
        }

        List<String> events = Files.readAllLines(trace, StandardCharsets.UTF_8);
        for (String command : List.of("\"hash-object\",\"-w\"", "\"mktree\",\"-z\",\"--batch\"")) {
            Optional<String> started = events.stream().filter(event -> event.contains("\"event\":\"start\"")
                    && event.contains(command)).map(WritersAheadTest::sid).findFirst();
            assertThat(started).as(command + " started").isPresent();
            assertThat(events).as(command + " ended with the writer, and well").anyMatch(event -> event.contains(
                    "\"event\":\"exit\"") && event.contains(started.get()) && event.contains("\"code\":0"));
        }
    }

    @Test
    void processesStartedAheadOfARepackStillWriteWhatNamesTheRepackedObjects() {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        Git git = repository.git();
        try (ObjectWriter writer = repository.openWriter(); BatchReader reader = repository.openReader()) {
            writer.expectCommits();
            ObjectId packed = ObjectId.of(git.run(List.of("hash-object", "-w", "--stdin"),
                    "written by another process\n".getBytes(StandardCharsets.UTF_8)).text().strip());
            ObjectId other = ObjectId.of(git.run(List.of("mktree"),
                    ("100644 blob " + packed.hex() + "\tpacked.txt\n").getBytes(StandardCharsets.UTF_8)).text()
                    .strip());
            git.run("update-ref", "refs/heads/other", git.run("commit-tree", other.hex(), "-m", "other").text().strip());
            git.run("repack", "-a", "-d", "-q");
            git.run("prune-packed");

            ObjectId blob = writer.writeBlob("written after the repack\n".getBytes(StandardCharsets.UTF_8));
            ObjectId tree = writer.writeTree(List.of(TreeEntry.file("packed.txt", packed),
                    TreeEntry.file("new.txt", blob)));
            ObjectId commit = writer.writeCommit(CommitRequest.of(tree, Optional.empty(), "Checkpoint\n"));

            assertThat(reader.readCommitTree(commit)).isEqualTo(tree);
            assertThat(reader.readTree(tree)).extracting(TreeEntry::id).containsExactly(blob, packed);
        }
        assertThat(git.run("fsck", "--strict").succeeded()).isTrue();
    }

    /** The {@code "sid"} member of a trace event line, quoted as it appears. */
    private static String sid(String event) {
        int start = event.indexOf("\"sid\":\"");
        return event.substring(start, event.indexOf('"', start + 7) + 1);
    }
}
