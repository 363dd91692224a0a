package io.entire.core.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.Environment;
import io.entire.core.testing.TestRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The branch HEAD names is what {@code git symbolic-ref HEAD} says, read from the HEAD file without starting git when
 * the file is a plain one (a hook's git process costs ~2 ms of CPU); git is asked whenever the file is anything else.
 */
class CurrentBranchTest {
    @TempDir
    Path temp;

    @Test
    void aBranchAndADetachedHeadAreReadWithoutGit() throws IOException {
        Path directory = temp.resolve("repo");
        GitRepository repository = TestRepository.withCommit(directory);
        repository.git().run("checkout", "-q", "-b", "feature/lexer");
        Path trace = temp.resolve("trace.json");
        GitRepository traced = traced(directory, trace);

        assertThat(traced.currentBranch()).isEqualTo(Optional.of(RefName.of("refs/heads/feature/lexer")));
        repository.git().run("checkout", "-q", "--detach");
        assertThat(traced.currentBranch()).isEmpty();

        assertThat(Files.exists(trace)).as("no git process started").isFalse();
    }

    @Test
    void aLinkedWorktreeHasItsOwnHead() {
        Path directory = temp.resolve("repo");
        GitRepository main = TestRepository.withCommit(directory);
        main.git().run("worktree", "add", "-q", "-b", "parser", temp.resolve("linked").toString());

        GitRepository linked = GitRepository.open(temp.resolve("linked"), Environment.of(System.getenv(),
                temp.resolve("linked"), temp));

        assertThat(linked.currentBranch()).isEqualTo(Optional.of(RefName.of("refs/heads/parser")));
        assertThat(main.currentBranch()).isEqualTo(Optional.of(RefName.of("refs/heads/main")));
    }

    @Test
    void aHeadThatIsASymbolicLinkIsLeftToGit() throws IOException {
        Path directory = temp.resolve("repo");
        GitRepository repository = TestRepository.withCommit(directory);
        repository.git().run("config", "core.preferSymlinkRefs", "true");
        repository.git().run("checkout", "-q", "-b", "linked-head");
        assertThat(Files.isSymbolicLink(repository.gitDir().resolve("HEAD"))).isTrue();

        assertThat(repository.currentBranch()).isEqualTo(Optional.of(RefName.of("refs/heads/linked-head")));
    }

    private GitRepository traced(Path directory, Path trace) {
        Map<String, String> variables = new HashMap<>(System.getenv());
        variables.put("GIT_TRACE2_EVENT", trace.toString());
        return GitRepository.open(directory, Environment.of(variables, directory, temp));
    }
}
