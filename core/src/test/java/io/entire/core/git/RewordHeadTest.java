package io.entire.core.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.testing.TestEnvironment;
import io.entire.core.testing.TestRepository;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GitRepository#rewordHead} and {@link GitRepository#rewordCommits}: HEAD moves as {@code git commit --amend}
 * would move it, or not at all.
 */
class RewordHeadTest {
    private static final String TRAILER = "Entire-Checkpoint: b4c3d2e1f0a9\n";

    @TempDir
    Path temp;

    private Git git;
    private GitRepository repository;
    private ObjectId head;

    @BeforeEach
    void setUp() {
        git = TestRepository.init(temp.resolve("repo"));
        git.run("commit", "-q", "--allow-empty", "-m", "Use strings.Contains");
        repository = GitRepository.open(temp.resolve("repo"), TestEnvironment.ofThisJvm());
        head = revision("HEAD");
    }

    @Test
    void onABranchTheBranchMovesAndBothReflogsSayWhy() {
        assertThat(repository.rewordHead(head, message -> message + "\n" + TRAILER)).isEqualTo(RefUpdateResult.UPDATED);

        assertThat(git.run("symbolic-ref", "HEAD").text().strip()).isEqualTo("refs/heads/main");
        assertThat(repository.commitMessage(revision("main"))).endsWith("\n\n" + TRAILER);
        assertThat(revision("main^{tree}")).isEqualTo(revision(head.hex() + "^{tree}"));
        assertThat(git.run("reflog", "-1", "--format=%gs", "HEAD").text().strip()).isEqualTo("entire: link checkpoint");
        assertThat(git.run("reflog", "-1", "--format=%gs", "main").text().strip()).isEqualTo("entire: link checkpoint");
    }

    @Test
    void theAuthorAndTheAuthorDateWithItsZoneAreKept() {
        git.withVariables(Map.of("GIT_AUTHOR_NAME", "Ada Lovelace", "GIT_AUTHOR_EMAIL", "ada@example.com",
                "GIT_AUTHOR_DATE", "2026-02-15T21:38:35+05:30")).run("commit", "-q", "--allow-empty", "-m", "Say hi");
        ObjectId authored = revision("HEAD");

        assertThat(repository.rewordHead(authored, message -> message + "\n" + TRAILER))
                .isEqualTo(RefUpdateResult.UPDATED);

        assertThat(git.run("log", "-1", "--date=iso-strict", "--format=%an <%ae> %ad", "HEAD").text().strip())
                .isEqualTo("Ada Lovelace <ada@example.com> 2026-02-15T21:38:35+05:30");
        assertThat(revision("HEAD^")).isEqualTo(head);
    }

    @Test
    void aDetachedHeadMovesAndNoBranchDoes() {
        git.run("checkout", "-q", "--detach");

        assertThat(repository.rewordHead(head, message -> message + "\n" + TRAILER)).isEqualTo(RefUpdateResult.UPDATED);

        assertThat(repository.commitMessage(revision("HEAD"))).endsWith("\n\n" + TRAILER);
        assertThat(revision("main")).isEqualTo(head);
        assertThat(git.tryRun(List.of("symbolic-ref", "-q", "HEAD"), null).succeeded()).isFalse();
    }

    @Test
    void aHeadThatMovedMeanwhileIsLeftAlone() {
        git.run("commit", "-q", "--allow-empty", "-m", "A commit made while attach ran");
        ObjectId moved = revision("HEAD");

        assertThat(repository.rewordHead(head, message -> message + "\n" + TRAILER))
                .isEqualTo(RefUpdateResult.REJECTED_STALE);

        assertThat(revision("HEAD")).isEqualTo(moved);
    }

    @Test
    void rewordingACommitBelowHeadRewritesItsDescendantsWithTheirTreesAuthorsAndMessages() {
        git.withVariables(Map.of("GIT_AUTHOR_NAME", "Ada Lovelace", "GIT_AUTHOR_EMAIL", "ada@example.com",
                "GIT_AUTHOR_DATE", "2026-02-15T21:38:35+05:30")).run("commit", "-q", "--allow-empty", "-m", "Middle");
        ObjectId middle = revision("HEAD");
        git.run("commit", "-q", "--allow-empty", "-m", "Top");
        ObjectId top = revision("HEAD");

        assertThat(repository.rewordCommits(top, List.of(middle, top), (commit, message) ->
                commit.equals(middle) ? message + "\n" + TRAILER : message)).isEqualTo(RefUpdateResult.UPDATED);

        assertThat(git.run("log", "--format=%s|%an|%ad", "--date=iso-strict", "-3").text().lines()).containsExactly(
                "Top|Test User|" + git.run("log", "-1", "--format=%ad", "--date=iso-strict", top.hex()).text(),
                "Middle|Ada Lovelace|2026-02-15T21:38:35+05:30",
                "Use strings.Contains|Test User|" + git.run("log", "-1", "--format=%ad", "--date=iso-strict",
                        head.hex()).text());
        assertThat(repository.commitMessage(revision("HEAD~1"))).endsWith("\n\n" + TRAILER);
        assertThat(repository.commitMessage(revision("HEAD"))).isEqualTo("Top\n");
        assertThat(revision("HEAD~2")).isEqualTo(head);
        assertThat(revision("HEAD^{tree}")).isEqualTo(revision(top.hex() + "^{tree}"));
        assertThat(git.run("fsck", "--strict").succeeded()).isTrue();
    }

    @Test
    void rewordingNothingLeavesHeadWhereItIs() {
        assertThat(repository.rewordCommits(head, List.of(head), (commit, message) -> message))
                .isEqualTo(RefUpdateResult.UNCHANGED);

        assertThat(revision("HEAD")).isEqualTo(head);
    }

    private ObjectId revision(String revision) {
        return ObjectId.of(git.run("rev-parse", revision).text().strip());
    }
}
