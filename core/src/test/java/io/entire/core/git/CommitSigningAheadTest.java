package io.entire.core.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.Environment;
import io.entire.core.testing.SshSigning;
import io.entire.core.testing.TestRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer told to expect commits reads {@code commit.gpgSign} ahead, while its caller prepares what it commits: the
 * commits are then signed exactly as without the read ahead, and the read happens once.
 */
class CommitSigningAheadTest {
    private static final String CONFIG_READ = "\"argv\":[\"git\",\"config\",\"--type=bool\",\"--get\","
            + "\"commit.gpgsign\"]";

    @TempDir
    Path temp;

    @Test
    void commitsWrittenAfterTheReadAheadAreSignedAsConfigured() throws Exception {
        Path key = SshSigning.key(temp);
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        Git git = repository.git();
        SshSigning.configure(git, key);

        git.run("config", "commit.gpgsign", "true");
        ObjectId signed = commitExpected(repository);
        assertThat(git.tryRun(List.of("verify-commit", signed.hex()), null).succeeded()).as("commit.gpgSign on")
                .isTrue();

        git.run("config", "commit.gpgsign", "false");
        ObjectId unsigned = commitExpected(repository);
        assertThat(git.run("cat-file", "commit", unsigned.hex()).text()).as("commit.gpgSign off")
                .doesNotContain("gpgsig");
    }

    @Test
    void theSettingIsReadOnceAndBeforeTheWriterCloses() throws Exception {
        Path directory = temp.resolve("repo");
        TestRepository.withCommit(directory);
        Path trace = temp.resolve("trace.json");
        Map<String, String> variables = new HashMap<>(System.getenv());
        variables.put("GIT_TRACE2_EVENT", trace.toString());
        GitRepository traced = GitRepository.open(directory, Environment.of(variables, directory, temp));

        try (GitWorkers workers = new GitWorkers(traced)) {
            workers.writer().expectCommits();
            workers.writer().expectCommits();
        }

        String commands = Files.readString(trace, StandardCharsets.UTF_8);
        assertThat(commands.split(Pattern.quote(CONFIG_READ), -1)).as("git config runs once")
                .hasSize(2);
    }

    private static ObjectId commitExpected(GitRepository repository) {
        try (GitWorkers workers = new GitWorkers(repository)) {
            ObjectWriter writer = workers.writer();
            writer.expectCommits();
            ObjectId tree = writer.writeTree(List.of());
            return writer.writeCommit(CommitRequest.of(tree, Optional.empty(), "Checkpoint: a3b2c4d5e6f7\n"));
        }
    }
}
