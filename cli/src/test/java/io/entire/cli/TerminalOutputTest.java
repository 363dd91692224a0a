package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.Git;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Colour and the pager on a real pseudo-terminal ({@code script}), and the same commands without one: colour and
 * paging are for a person at a terminal, never for a pipe, a file or a script.
 */
class TerminalOutputTest {
    private static final String ESCAPE = "\u001b[";
    /**
     * A pager that marks every line it shows, so the test sees that the output went through it, on a terminal that
     * shows colours whatever TERM the build runs with.
     */
    private static final Map<String, String> MARKING_PAGER = Map.of("PAGER", "sed 's/^/paged: /'",
            "TERM", "xterm-256color");

    @TempDir
    Path temp;
    private Sandbox workspace;

    @BeforeEach
    void setUp() {
        workspace = new Sandbox(temp).commit("Use strings.Contains");
        workspace.fixtureTranscript(Sandbox.SESSION_A);
        assertThat(workspace.run("attach", Sandbox.SESSION_A, "--force").exitCode()).isZero();
    }

    @Test
    void onATerminalExplainIsColouredAndPaged() throws IOException, InterruptedException {
        String shown = workspace.onTerminal(MARKING_PAGER, "", "explain", "--full");

        assertThat(shown).contains("paged: " + ESCAPE + "1mCheckpoint ", "paged: " + ESCAPE + "1mTurn 1");
        assertThat(shown.lines().filter(line -> !line.isBlank())).allSatisfy(line -> assertThat(line)
                .startsWith("paged: "));
    }

    @Test
    void noColorAndTheOptionsTurnColourAndPagingOff() throws IOException, InterruptedException {
        String noColorVariable = workspace.onTerminal(Map.of("NO_COLOR", "1", "TERM", "xterm-256color"), "",
                "explain", "--no-pager");
        String noColorOption = workspace.onTerminal(MARKING_PAGER, "", "explain", "--no-color");

        assertThat(noColorVariable).contains("Checkpoint ").doesNotContain(ESCAPE, "paged: ");
        assertThat(noColorOption).contains("paged: Checkpoint ").doesNotContain(ESCAPE);
    }

    @Test
    void onATerminalVerifyAndPushDrawTheirProgressLine() throws IOException, InterruptedException {
        addBareRemote();

        String verify = workspace.onTerminal(Map.of(), "", "doctor", "verify");
        String push = workspace.onTerminal(Map.of(), "", "checkpoint", "push");

        assertThat(verify).contains("\rverifying checkpoints: 0/1 (0%)", "\rverifying checkpoints: 1/1 (100%)",
                "Checked 1 checkpoint copies");
        assertThat(push).containsPattern("\rpushing checkpoint refs: ([0-9]+)/\\1 \\(100%\\)");
    }

    @Test
    void withoutATerminalNoProgressIsDrawn() {
        addBareRemote();

        for (String[] args : new String[][] {{"doctor", "verify"}, {"checkpoint", "push"},
                {"search", "--reindex", "strings"}}) {
            CliRun run = workspace.run(args);

            assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run.err()).isZero();
            assertThat(run.err()).as(String.join(" ", args)).doesNotContain("\r", "verifying", "pushing",
                    "indexing");
        }
    }

    @Test
    void withoutATerminalNothingIsColouredNorPaged() {
        Map<String, String> env = new java.util.HashMap<>(workspace.env());
        env.putAll(MARKING_PAGER);
        for (String[] args : new String[][] {{"explain", "--full"}, {"explain", "--short"}, {"checkpoint", "list"},
                {"status"}, {"blame", "--help"}, {"--help"}}) {
            CliRun run = CliRun.run(workspace.repo, env, args);

            assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run.err()).isZero();
            assertThat(run.out() + run.err()).as(String.join(" ", args)).isNotBlank().doesNotContain(ESCAPE, "paged: ");
        }
    }

    private void addBareRemote() {
        Path remote = temp.resolve("remote.git");
        new Git(temp).run("init", "-q", "--bare", "-b", "main", remote.toString());
        workspace.git.run("remote", "add", "origin", remote.toUri().toString());
    }
}
