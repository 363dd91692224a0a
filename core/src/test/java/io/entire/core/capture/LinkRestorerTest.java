package io.entire.core.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entire.core.git.Git;
import io.entire.core.git.GitRepository;
import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import io.entire.core.testing.TestEnvironment;
import io.entire.core.testing.TestRepository;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LinkRestorer} on rewrites made with plain git (no hooks installed), then handed the list git would give. */
class LinkRestorerTest {
    private static final String X = "a1b2c3d4e5f6";
    private static final String Y = "0f1e2d3c4b5a";

    @TempDir
    Path temp;
    private Git git;
    private GitRepository repository;

    @BeforeEach
    void setUp() {
        git = TestRepository.init(temp.resolve("repo"));
        git.run("commit", "-q", "--allow-empty", "-m", "Base");
        repository = GitRepository.open(temp.resolve("repo"), TestEnvironment.ofThisJvm());
    }

    @Test
    void aRebaseThatDroppedATrailerBelowHeadRewordsThatCommitAndTheOnesAfterIt() {
        ObjectId a = commit("A\n\nEntire-Checkpoint: " + X + "\n");
        ObjectId b = commit("B\n\nEntire-Checkpoint: " + Y + "\n");
        git.run("reset", "-q", "--hard", "HEAD~2");
        ObjectId rewordedA = commit("A, reworded\n");
        ObjectId pickedB = commit("B\n\nEntire-Checkpoint: " + Y + "\n");

        RestoreResult result = new LinkRestorer(repository).restore(RewriteKind.REBASE,
                List.of(new RewrittenCommit(a, rewordedA), new RewrittenCommit(b, pickedB)));

        assertThat(result.outcome()).isEqualTo(RestoreOutcome.RESTORED);
        assertThat(result.lost()).containsOnlyKeys(rewordedA).containsEntry(rewordedA, List.of(CheckpointId.of(X)));
        assertThat(repository.commitMessage(revision("HEAD~1"))).isEqualTo("A, reworded\n\nEntire-Checkpoint: " + X
                + "\n");
        assertThat(repository.commitMessage(revision("HEAD"))).isEqualTo("B\n\nEntire-Checkpoint: " + Y + "\n");
        assertThat(revision("HEAD^{tree}")).isEqualTo(revision(pickedB.hex() + "^{tree}"));
        assertThat(git.run("log", "--format=%s", "-3").text().lines()).containsExactly("B", "A, reworded", "Base");
    }

    @Test
    void anAmendWhoseHeadMovedOnIsLeftAlone() {
        ObjectId linked = commit("A\n\nEntire-Checkpoint: " + X + "\n");
        git.run("commit", "-q", "--amend", "--allow-empty", "-m", "A, amended");
        ObjectId amended = revision("HEAD");
        ObjectId later = commit("Later\n");

        RestoreResult result = new LinkRestorer(repository).restore(RewriteKind.AMEND,
                List.of(new RewrittenCommit(linked, amended)));

        assertThat(result.outcome()).isEqualTo(RestoreOutcome.HEAD_MOVED);
        assertThat(result.trailerCount()).isEqualTo(1);
        assertThat(revision("HEAD")).isEqualTo(later);
    }

    @Test
    void aRewriteThatKeptEveryTrailerWritesNothing() {
        ObjectId linked = commit("A\n\nEntire-Checkpoint: " + X + "\n");
        git.run("commit", "-q", "--amend", "--allow-empty", "--no-edit");
        ObjectId amended = revision("HEAD");

        RestoreResult result = new LinkRestorer(repository).restore(RewriteKind.AMEND,
                List.of(new RewrittenCommit(linked, amended)));

        assertThat(result.outcome()).isEqualTo(RestoreOutcome.NOTHING_LOST);
        assertThat(revision("HEAD")).isEqualTo(amended);
    }

    @Test
    void aLineThatIsNotOldAndNewIsRejected() {
        assertThatThrownBy(() -> RewrittenCommit.parseAll("only-one-field\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only-one-field");
    }

    private ObjectId commit(String message) {
        git.run("commit", "-q", "--allow-empty", "--cleanup=verbatim", "-m", message);
        return revision("HEAD");
    }

    private ObjectId revision(String revision) {
        return ObjectId.of(git.run("rev-parse", revision).text().strip());
    }
}
