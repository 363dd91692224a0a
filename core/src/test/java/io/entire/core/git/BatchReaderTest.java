package io.entire.core.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.testing.TestEnvironment;
import io.entire.core.testing.TestRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchReaderTest {
    @TempDir
    Path temp;

    @Test
    void findCommitResolvesRefsAsTheyAreAtEachRequest() {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        Git git = repository.git();
        ObjectId head = ObjectId.of(git.run("rev-parse", "HEAD").text().strip());
        try (BatchReader reader = repository.openReader()) {
            CommitInfo found = reader.findCommit("HEAD").orElseThrow();
            assertThat(found.id()).isEqualTo(head);
            assertThat(found.tree().hex()).isEqualTo(git.run("rev-parse", "HEAD^{tree}").text().strip());
            assertThat(reader.findCommit("refs/heads/entire/shadow")).isEmpty();

            // A ref created, moved and deleted by another process while the reader runs: each request sees it now.
            git.run("update-ref", "refs/heads/entire/shadow", head.hex());
            assertThat(reader.findCommit("refs/heads/entire/shadow").map(CommitInfo::id)).contains(head);
            git.run("commit", "-q", "--allow-empty", "-m", "second");
            ObjectId second = ObjectId.of(git.run("rev-parse", "HEAD").text().strip());
            git.run("update-ref", "refs/heads/entire/shadow", second.hex(), head.hex());
            assertThat(reader.findCommit("refs/heads/entire/shadow").map(CommitInfo::id)).contains(second);
            assertThat(reader.findCommit("HEAD").map(CommitInfo::parents)).contains(List.of(head));
            git.run("pack-refs", "--all");
            assertThat(reader.findCommit("refs/heads/entire/shadow").map(CommitInfo::id)).contains(second);
            git.run("update-ref", "-d", "refs/heads/entire/shadow");
            assertThat(reader.findCommit("refs/heads/entire/shadow")).isEmpty();
        }
    }

    @Test
    void containsTellsWhetherAnObjectIsThereAndTheReaderGoesOn() {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        Git git = repository.git();
        ObjectId head = ObjectId.of(git.run("rev-parse", "HEAD").text().strip());
        ObjectId absent = ObjectId.of("0123456789abcdef0123456789abcdef01234567");
        try (BatchReader reader = repository.openReader()) {
            assertThat(reader.contains(head)).isTrue();
            assertThat(reader.contains(absent)).isFalse();
            assertThat(reader.findCommit("HEAD").map(CommitInfo::id)).contains(head);
            assertThat(reader.contains(ObjectId.of(git.run("rev-parse", "HEAD^{tree}").text().strip()))).isTrue();
        }
    }

    /** A partial clone whose promisor remote is gone: git cannot fetch the object, and ends the process. */
    @Test
    void containsCallsAnObjectAPartialCloneCannotFetchAbsentAndTheReaderGoesOn() throws Exception {
        Path origin = temp.resolve("origin");
        Git originGit = TestRepository.withCommit(origin).git();
        Files.writeString(origin.resolve("notes.txt"), "notes\n");
        originGit.run("add", "notes.txt");
        originGit.run("commit", "-q", "-m", "notes");
        ObjectId blob = ObjectId.of(originGit.run("rev-parse", "HEAD:notes.txt").text().strip());
        originGit.run("config", "uploadpack.allowFilter", "true");
        new Git(temp).run("clone", "-q", "--no-checkout", "--filter=blob:none", origin.toUri().toString(), "clone");
        Files.move(origin, temp.resolve("origin-gone"));
        GitRepository clone = GitRepository.open(temp.resolve("clone"), TestEnvironment.ofThisJvm());
        try (BatchReader reader = clone.openReader()) {
            assertThat(reader.contains(blob)).isFalse();
            assertThat(reader.findCommit("HEAD")).isPresent();
        }
    }

    @Test
    void findCommitPeelsTagsAndRefusesWhatIsNoCommit() {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        Git git = repository.git();
        git.run("tag", "-a", "-m", "annotated", "v1");
        ObjectId head = ObjectId.of(git.run("rev-parse", "HEAD").text().strip());
        try (BatchReader reader = repository.openReader()) {
            assertThat(reader.findCommit("refs/tags/v1").map(CommitInfo::id)).contains(head);
            assertThat(reader.findCommit("HEAD^{tree}")).isEmpty();
            assertThat(reader.findCommit("no-such-revision")).isEqualTo(Optional.empty());
        }
    }

    @Test
    void aCommitsMessageIsWhatGitLogShowsWhateverHeadersComeBeforeIt() {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        Git git = repository.git();
        String head = git.run("rev-parse", "HEAD").text().strip();
        String tree = git.run("rev-parse", "HEAD^{tree}").text().strip();
        // Signed commits carry a multi-line header whose continuation lines start with a space; no blank line in it.
        String raw = "tree " + tree + "\nparent " + head + "\nauthor A U Thor <a@example.com> 1700000000 +0000\n"
                + "committer A U Thor <a@example.com> 1700000000 +0000\nencoding UTF-8\n"
                + "gpgsig -----BEGIN SSH SIGNATURE-----\n U1NIU0lHAAAAAQ==\n -----END SSH SIGNATURE-----\n\n"
                + "Use strings.Contains\n\nBody line.\n\n"
                + "Entire-Checkpoint: a3b2c4d5e6f7\n";
        ObjectId signed = ObjectId.of(git.run(List.of("hash-object", "-t", "commit", "-w", "--stdin"),
                raw.getBytes(StandardCharsets.UTF_8)).text().strip());
        git.run("update-ref", "refs/heads/signed", signed.hex());
        try (BatchReader reader = repository.openReader()) {
            CommitInfo found = reader.findCommit("refs/heads/signed").orElseThrow();
            assertThat(found.message()).isEqualTo(git.run("log", "-1", "--format=%B", signed.hex()).text());
            assertThat(found.parents()).containsExactly(ObjectId.of(head));
        }
    }

    @Test
    void findCommitIsEmptyOnAnUnbornBranch() {
        Path directory = temp.resolve("unborn");
        new Git(temp).run("init", "-q", directory.toString());
        try (BatchReader reader = GitRepository.open(directory, TestEnvironment.ofThisJvm()).openReader()) {
            assertThat(reader.findCommit("HEAD")).isEmpty();
        }
    }
}
