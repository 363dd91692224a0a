package io.entire.core.testing;

import io.entire.core.git.Git;
import io.entire.core.git.GitRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Real git repositories in temporary directories, for tests. */
public final class TestRepository {
    /** The project's real-data fixtures, {@code testdata/} at the root of the checkout. */
    public static final Path FIXTURES = locateFixtures();

    private TestRepository() {
    }

    /** A fresh repository with a test identity and one commit on main. */
    public static GitRepository withCommit(Path directory) {
        Git git = init(directory);
        git.run("commit", "--allow-empty", "-q", "-m", "initial commit");
        return GitRepository.open(directory, TestEnvironment.ofThisJvm());
    }

    /** A fresh repository with a test identity and no commits. */
    public static Git init(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Git git = new Git(directory);
        git.run("init", "-q", "-b", "main");
        configure(git);
        return git;
    }

    /** A clone of the upstream sample bundle with its checkpoint branch checked out as a local branch. */
    public static GitRepository upstreamSample(Path directory) {
        Git parent = new Git(directory.getParent());
        parent.run("clone", "-q", "-b", "main", FIXTURES.resolve("upstream-v1-sample.bundle").toString(),
                directory.getFileName().toString());
        Git git = new Git(directory);
        configure(git);
        git.run("branch", "-q", "entire/checkpoints/v1", "origin/entire/checkpoints/v1");
        return GitRepository.open(directory, TestEnvironment.ofThisJvm());
    }

    private static void configure(Git git) {
        git.run("config", "user.name", "Test User");
        git.run("config", "user.email", "test@example.com");
        git.run("config", "commit.gpgsign", "false");
    }

    private static Path locateFixtures() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("testdata");
            if (Files.isRegularFile(candidate.resolve("upstream-v1-sample.bundle"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("testdata/ not found above " + here);
    }
}
