package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code entire link <commit> <checkpoint-id>}: a lost link put back by hand, in a real repository. */
class LinkCommandTest {
    private static final Pattern TRAILER = Pattern.compile("Entire-Checkpoint: ([0-9a-f]{12})");

    @TempDir
    Path temp;
    Sandbox workspace;
    String checkpoint;

    @BeforeEach
    void setUp() {
        workspace = new Sandbox(temp);
        workspace.commit("Use strings.Contains");
        workspace.fixtureTranscript(Sandbox.SESSION_A);
        CliRun attach = workspace.run("attach", Sandbox.SESSION_A, "--force");
        assertThat(attach.exitCode()).as(attach.err()).isZero();
        Matcher trailer = TRAILER.matcher(workspace.headMessage());
        assertThat(trailer.find()).isTrue();
        checkpoint = trailer.group(1);
        workspace.git.run("commit", "-q", "--amend", "--allow-empty", "-m",
                "Use strings.Contains, reworded without the trailer");
    }

    @Test
    void headIsRewordedToCarryTheTrailerAndThenExplains() {
        String tree = workspace.git.run("rev-parse", "HEAD^{tree}").text();

        CliRun link = workspace.run("link", "HEAD", checkpoint);

        assertThat(link.exitCode()).as(link.err()).isZero();
        assertThat(link.out()).contains("Linked", checkpoint);
        assertThat(workspace.headMessage()).startsWith("Use strings.Contains, reworded without the trailer\n\n")
                .endsWith("\n\nEntire-Checkpoint: " + checkpoint + "\n");
        assertThat(workspace.git.run("rev-parse", "HEAD^{tree}").text()).isEqualTo(tree);
        assertThat(workspace.run("explain", "HEAD").exitCode()).isZero();
        CliRun again = workspace.run("link", "HEAD", checkpoint);
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("already");
    }

    @Test
    void aCommitBelowHeadIsRefusedWithWhatToDoInstead() {
        workspace.commit("Later work");
        String head = workspace.head();

        CliRun link = workspace.run("link", "HEAD~1", checkpoint);

        assertThat(link.exitCode()).isEqualTo(1);
        assertThat(link.err()).contains("not HEAD", "rebase");
        assertThat(workspace.head()).isEqualTo(head);
    }

    @Test
    void anUnknownCheckpointOrAnInvalidIdChangesNothing() {
        String head = workspace.head();

        CliRun unknown = workspace.run("link", "HEAD", "0123456789ab");
        CliRun invalid = workspace.run("link", "HEAD", "not-an-id");

        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("0123456789ab");
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(workspace.head()).isEqualTo(head);
    }
}
