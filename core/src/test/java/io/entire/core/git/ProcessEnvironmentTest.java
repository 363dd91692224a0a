package io.entire.core.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.Environment;
import io.entire.core.testing.TestEnvironment;
import io.entire.core.testing.TestRepository;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository opened for another process (the hook server's clients) sees that process's environment, not this
 * JVM's: git finds the repository and runs with exactly the variables that process had.
 */
class ProcessEnvironmentTest {
    @TempDir
    Path temp;

    @Test
    void gitRunsWithTheOtherProcesssVariablesOnly() {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        Map<String, String> client = new HashMap<>(System.getenv());
        client.put("GIT_COMMITTER_NAME", "Client Process");
        client.put("ENTIRE_TEST_MARKER", "client");

        GitRepository opened = GitRepository.open(repository.workTree(), environment(client));
        Git withDate = opened.git().withVariables(Map.of("GIT_COMMITTER_DATE", "2026-01-02T03:04:05Z"));

        assertThat(opened.git().run("var", "GIT_COMMITTER_IDENT").text()).startsWith("Client Process <");
        assertThat(withDate.run("var", "GIT_COMMITTER_IDENT").text()).startsWith("Client Process <")
                .endsWith(" 1767323045 +0000");
        assertThat(GitRepository.open(repository.workTree(), TestEnvironment.ofThisJvm()).git()
                .run("var", "GIT_COMMITTER_IDENT").text())
                .doesNotStartWith("Client Process");
    }

    @Test
    void theRepositoryIsFoundWhereTheOtherProcesssGitDirSays() {
        GitRepository first = TestRepository.withCommit(temp.resolve("first"));
        GitRepository second = TestRepository.withCommit(temp.resolve("second"));
        second.git().run("commit", "-q", "--allow-empty", "-m", "Only in the second");
        Map<String, String> client = new HashMap<>(System.getenv());
        client.put("GIT_DIR", second.gitDir().toString());
        client.put("GIT_WORK_TREE", second.workTree().toString());

        GitRepository opened = GitRepository.open(first.workTree(), environment(client));

        assertThat(opened.git().run("rev-parse", "HEAD").text()).isEqualTo(second.git().run("rev-parse", "HEAD").text())
                .isNotEqualTo(first.git().run("rev-parse", "HEAD").text());
    }

    private Environment environment(Map<String, String> variables) {
        return Environment.of(variables, temp, temp);
    }
}
