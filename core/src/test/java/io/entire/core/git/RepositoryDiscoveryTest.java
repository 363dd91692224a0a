package io.entire.core.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entire.core.testing.TestEnvironment;
import io.entire.core.testing.TestRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading .git files must find what {@code git rev-parse} finds, and decline whatever it cannot be sure of. */
class RepositoryDiscoveryTest {
    @TempDir
    Path temp;

    @Test
    void findsWhatGitFindsFromTheTopAndFromASubdirectory() throws IOException {
        Path repo = temp.resolve("repo");
        TestRepository.withCommit(repo);
        Path deep = Files.createDirectories(repo.resolve("src/main"));
        assertSameAsGit(repo);
        assertSameAsGit(deep);
    }

    @Test
    void findsALinkedWorktreeAndItsCommonDirectory() throws IOException {
        Path repo = temp.resolve("repo");
        GitRepository main = TestRepository.withCommit(repo);
        main.git().run("worktree", "add", "-q", temp.resolve("linked").toString());
        Path linkedDeep = Files.createDirectories(temp.resolve("linked/sub"));
        RepositoryDiscovery.Layout layout = assertSameAsGit(linkedDeep);
        assertThat(layout.gitDir()).isNotEqualTo(layout.commonDir());
        assertThat(GitRepository.open(linkedDeep, TestEnvironment.ofThisJvm()).worktreeId()).isEqualTo("linked");
    }

    @Test
    void leavesSubmodulesToGitBecauseTheirConfigNamesTheWorkTree() throws IOException {
        Path library = temp.resolve("library");
        TestRepository.withCommit(library);
        GitRepository app = TestRepository.withCommit(temp.resolve("app"));
        app.git().run("-c", "protocol.file.allow=always", "submodule", "add", "-q", library.toUri().toString(), "lib");
        Path submodule = temp.resolve("app/lib");
        assertThat(RepositoryDiscovery.discover(submodule, Map.of())).isEmpty();
        assertThat(GitRepository.open(submodule, TestEnvironment.ofThisJvm()).workTree())
                .isEqualTo(submodule.toRealPath());
    }

    @Test
    void followsSymbolicLinksToTheRealPaths() throws IOException {
        Path repo = temp.resolve("repo");
        TestRepository.withCommit(repo);
        Path link = Files.createSymbolicLink(temp.resolve("link"), repo);
        assertThat(assertSameAsGit(link).workTree()).isEqualTo(repo.toRealPath());
    }

    @Test
    void declinesWhatGitResolvesDifferently() throws IOException {
        Path repo = temp.resolve("repo");
        GitRepository repository = TestRepository.withCommit(repo);
        assertThat(RepositoryDiscovery.discover(repo, Map.of("GIT_DIR", repo.resolve(".git").toString()))).isEmpty();
        assertThat(RepositoryDiscovery.discover(repo, Map.of("GIT_CEILING_DIRECTORIES", temp.toString()))).isEmpty();
        assertThat(RepositoryDiscovery.discover(repo, Map.of("GIT_CONFIG_PARAMETERS", "'core.worktree'='/x'")))
                .isEmpty();
        assertThat(RepositoryDiscovery.discover(repo, Map.of("GIT_CONFIG_PARAMETERS", "'user.name'='a'"))).isPresent();
        assertThat(RepositoryDiscovery.discover(repo.resolve(".git"), Map.of())).isEmpty();

        repository.git().run("config", "core.worktree", temp.toString());
        assertThat(RepositoryDiscovery.discover(repo, Map.of())).isEmpty();
        repository.git().run("config", "--unset", "core.worktree");
        repository.git().run("config", "include.path", "extra.config");
        assertThat(RepositoryDiscovery.discover(repo, Map.of())).isEmpty();
        repository.git().run("config", "--unset", "include.path");
        assertThat(RepositoryDiscovery.discover(repo, Map.of())).isPresent();
    }

    @Test
    void leavesSha256RepositoriesToGit() {
        Path repo = temp.resolve("repo");
        new Git(temp).run("init", "-q", "--object-format=sha256", repo.toString());
        assertThat(RepositoryDiscovery.discover(repo, Map.of())).isEmpty();
        assertThat(GitRepository.open(repo, TestEnvironment.ofThisJvm()).hashHexLength()).isEqualTo(64);
    }

    @Test
    void outsideARepositoryGitExplainsWhy() throws IOException {
        Path plain = Files.createDirectories(temp.resolve("plain"));
        Optional<RepositoryDiscovery.Layout> layout = RepositoryDiscovery.discover(plain, Map.of());
        // The temp folder may sit inside some repository; either way open() must agree with git.
        if (layout.isEmpty()) {
            assertThatThrownBy(() -> GitRepository.open(plain, TestEnvironment.ofThisJvm()))
                    .isInstanceOf(NotARepositoryException.class);
        } else {
            assertSameAsGit(plain);
        }
        Path bare = temp.resolve("bare.git");
        new Git(temp).run("init", "-q", "--bare", bare.toString());
        assertThat(RepositoryDiscovery.discover(bare, Map.of())).isEmpty();
        assertThatThrownBy(() -> GitRepository.open(bare, TestEnvironment.ofThisJvm()))
                .isInstanceOf(NotARepositoryException.class);
    }

    private static RepositoryDiscovery.Layout assertSameAsGit(Path directory) {
        RepositoryDiscovery.Layout layout = RepositoryDiscovery.discover(directory, Map.of()).orElseThrow();
        GitRepository byGit = GitRepository.openWithGit(directory);
        try {
            assertThat(layout.workTree()).isEqualTo(byGit.workTree().toRealPath());
            assertThat(layout.gitDir()).isEqualTo(byGit.gitDir().toRealPath());
            assertThat(layout.commonDir()).isEqualTo(byGit.commonDir().toRealPath());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(byGit.hashHexLength()).isEqualTo(40);
        return layout;
    }
}
