package io.entire.core.git;

import io.entire.core.testing.TestRepository;
import java.nio.file.Path;

/** A repository of two commits, {@code old} and {@code next} (HEAD), for tests that move refs between them. */
record TwoCommits(GitRepository repository, ObjectId old, ObjectId next) {
    static TwoCommits in(Path directory) {
        GitRepository repository = TestRepository.withCommit(directory);
        ObjectId old = repository.findCommit("HEAD").orElseThrow();
        repository.git().run("commit", "-q", "--allow-empty", "-m", "next");
        return new TwoCommits(repository, old, repository.findCommit("HEAD").orElseThrow());
    }
}
