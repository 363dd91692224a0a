package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.Git;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A turn's work is every change it made to the work tree, through any tool (a shell command, a formatter, a
 * subagent), not only the files its transcript names; what the person had changed before the turn is theirs. Real
 * repositories whose hooks run the CLI under test; the "agent" changes files as its shell would.
 */
class TurnSnapshotTest {
    @TempDir
    Path temp;
    Sandbox workspace;
    LiveCapture live;
    ClaudeSession session;

    @BeforeEach
    void setUp() {
        workspace = new Sandbox(temp.resolve("work"));
        write(".gitignore", "build/\n");
        write("README.md", "readme\n");
        write("src/lexer.txt", "lex\n");
        write("src/parser.txt", "parse\n");
        write("old.txt", "old\n");
        workspace.git.run("add", ".");
        workspace.commit("initial");
        live = new LiveCapture(workspace);
        live.enable();
        session = new ClaudeSession(workspace, Sandbox.SESSION_A);
    }

    @Test
    void aFileChangedByAShellCommandIsTheTurnsWorkItsStepSnapshotsAndItsCommitIsLinked() {
        session.prompt("Rename readme to README in the docs")
                .bash("sed -i 's/readme/README/' README.md", () -> write("README.md", "README\n"))
                .say("Done.");

        assertThat(session.stop().exitCode()).isZero();

        assertThat(stepChanges()).containsExactly("M\tREADME.md");
        assertThat(workspace.git.run("show", live.shadowBranches().get(0) + ":README.md").text())
                .as("the step holds the content the command left, so a rewind restores it").isEqualTo("README");
        live.userGit.run("commit", "-q", "-am", "Capitalize README");
        String id = live.headCheckpoint().orElseThrow(() -> new AssertionError("the commit is linked"));
        assertThat(live.checkpointJson(id, "0/metadata.json").strings("files_touched")).containsExactly("README.md");
    }

    @Test
    void filesThePersonChangedBeforeTheTurnAreNotClaimedUnlessTheTurnChangedThemFurther() {
        write("src/lexer.txt", "lex, edited by hand\n");
        write("src/parser.txt", "parse, edited by hand\n");
        write("scratch.txt", "my notes\n");

        session.prompt("Format the parser")
                .bash("gofmt -w src/parser.txt", () -> write("src/parser.txt", "parse, formatted\n"))
                .say("Formatted.");
        assertThat(session.stop().exitCode()).isZero();

        assertThat(stepChanges()).containsExactly("M\tsrc/parser.txt");
    }

    @Test
    void filesAnotherLiveSessionWroteDuringTheTurnStayItsOwnWhetherItsTurnWasRecordedOrGoesOn() {
        ClaudeSession other = new ClaudeSession(workspace, Sandbox.SESSION_B);
        session.prompt("Format the parser");
        other.prompt("Rework the lexer").write("src/lexer.txt", "lex v2\n").say("Done.");
        assertThat(other.stop().exitCode()).isZero();
        other.prompt("Add a grammar").write("src/grammar.txt", "grammar\n");
        session.bash("gofmt -w src/parser.txt", () -> write("src/parser.txt", "parse, formatted\n")).say("Formatted.");

        assertThat(session.stop().exitCode()).isZero();

        assertThat(live.sessionState(Sandbox.SESSION_A).strings("files_touched")).containsExactly("src/parser.txt");
        assertThat(live.sessionState(Sandbox.SESSION_B).strings("files_touched")).containsExactly("src/lexer.txt");
    }

    @Test
    void aFileAnotherSessionWroteAndPutBackIsTheWorkOfTheTurnThatChangesItNext() {
        ClaudeSession other = new ClaudeSession(workspace, Sandbox.SESSION_B);
        other.prompt("Try a faster lexer").write("src/lexer.txt", "lex fast\n").write("src/lexer.txt", "lex\n")
                .say("No faster: put it back.");
        assertThat(other.stop().exitCode()).isZero();

        session.prompt("Rename lex to lexer")
                .bash("sed -i 's/lex/lexer/' src/lexer.txt", () -> write("src/lexer.txt", "lexer\n")).say("Done.");
        assertThat(session.stop().exitCode()).isZero();

        assertThat(stepChanges()).as("the other session holds no change of it").containsExactly("M\tsrc/lexer.txt");
    }

    @Test
    void aDeletedFileAndANewUntrackedFileCountButIgnoredFilesNever() {
        session.prompt("Replace old.txt, build it")
                .bash("git rm -q old.txt; echo new > new.txt; make", () -> {
                    delete("old.txt");
                    write("new.txt", "new\n");
                    write("build/out.log", "built\n");
                })
                .say("Done.");

        assertThat(session.stop().exitCode()).isZero();

        assertThat(stepChanges()).containsExactly("A\tnew.txt", "D\told.txt");
    }

    @Test
    void anUntrackedFileFromBeforeTheSessionCountsOnceATurnChangesIt() {
        write("draft.txt", "draft\n");
        session.prompt("Look around").say("Nothing to do.");
        assertThat(session.stop().exitCode()).isZero();
        assertThat(live.shadowBranches()).as("the first turn changed nothing").isEmpty();

        session.prompt("Finish the draft").bash("echo more >> draft.txt", () -> write("draft.txt", "draft\nmore\n"))
                .say("Done.");
        assertThat(session.stop().exitCode()).isZero();

        assertThat(stepChanges()).containsExactly("A\tdraft.txt");
    }

    @Test
    void aFileThePersonCreatedBetweenTurnsIsNotTheNextTurns() {
        session.prompt("Write the lexer").write("src/lexer.txt", "lex v2\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();
        write("mine.txt", "mine\n");

        session.prompt("Tweak the parser")
                .bash("sed -i 's/parse/parse v2/' src/parser.txt", () -> write("src/parser.txt", "parse v2\n"))
                .say("Done.");
        assertThat(session.stop().exitCode()).isZero();

        assertThat(stepChanges()).containsExactly("M\tsrc/lexer.txt", "M\tsrc/parser.txt");
    }

    @Test
    void aFileTheAgentChangedByShellAndCommittedMidTurnIsInItsCheckpoint() {
        write("src/lexer.txt", "lex, edited by hand\n");
        session.prompt("Fix the parser and commit")
                .bash("sed -i 's/parse/parse fixed/' src/parser.txt", () -> write("src/parser.txt", "parse fixed\n"));
        live.agentGit.run("commit", "-q", "-am", "Fix the parser");
        String id = live.headCheckpoint().orElseThrow(() -> new AssertionError("the agent's own commit is linked"));
        session.say("Committed.");

        assertThat(session.stop().exitCode()).isZero();

        assertThat(live.checkpointJson(id, "0/metadata.json").strings("files_touched"))
                .as("the turn changed the parser; the lexer was the person's, committed with it")
                .containsExactly("src/parser.txt");
        assertThat(live.shadowBranches()).as("nothing of the turn is left uncommitted").isEmpty();
    }

    @Test
    void renamedFilesOddNamesAndTypeChangesCountButSubmodulesAndNestedRepositoriesNever() throws IOException {
        write("lib/lib.txt", "v1\n");
        Git library = new Git(workspace.repo.resolve("lib"));
        library.run("init", "-q");
        library.run("add", ".");
        library.run("-c", "user.name=Lib", "-c", "user.email=lib@example.com", "commit", "-q", "-m", "v1");
        write("docs/odd name.txt", "odd\n");
        workspace.git.run("add", "lib", "docs");
        workspace.commit("a library and docs");

        session.prompt("Move the parser, and more").bash("git mv src/parser.txt src/grammar.txt; ...", () -> {
            workspace.git.run("mv", "src/parser.txt", "src/grammar.txt");
            write("docs/odd name.txt", "odd, edited\n");
            write("docs/tab\tstar*.txt", "new\n");
            delete("old.txt");
            symlink("old.txt", "README.md");
            write("lib/lib.txt", "v2\n");
            library.run("-c", "user.name=Lib", "-c", "user.email=lib@example.com", "commit", "-q", "-am", "v2");
            write("vendored/code.txt", "theirs\n");
            new Git(workspace.repo.resolve("vendored")).run("init", "-q");
        }).say("Done.");
        assertThat(session.stop().exitCode()).isZero();

        assertThat(stepChanges()).containsExactly("M\tdocs/odd name.txt", "A\t\"docs/tab\\tstar*.txt\"",
                "T\told.txt", "A\tsrc/grammar.txt", "D\tsrc/parser.txt");
    }

    @Test
    void withoutTheTurnsSnapshotANestedRepositoryTheTurnCreatedIsLeftOutAndTheRestRecorded() throws IOException {
        session.prompt("Vendor a library and note it").write("NOTES.md", "vendored\n")
                .bash("git init -q vendored", () -> {
                    write("vendored/code.txt", "theirs\n");
                    new Git(workspace.repo.resolve("vendored")).run("init", "-q");
                }).say("Done.");
        // As when the prompt hook failed to stage the work tree.
        Files.delete(workspace.repo.resolve(".git/entire-sessions/" + Sandbox.SESSION_A + ".turn-start.index"));

        assertThat(session.stop().exitCode()).isZero();

        assertThat(stepChanges()).containsExactly("A\tNOTES.md");
    }

    @Test
    void theStopLooksAtTheWholeWorkTreeOnceHoweverManyFoldersItHas() throws IOException {
        int packages = 40;
        for (int i = 0; i < packages; i++) {
            write("pkg" + i + "/file.txt", "file " + i + "\n");
        }
        workspace.git.run("add", ".");
        workspace.commit("forty packages");
        Path trace = temp.resolve("hook.trace");
        Map<String, String> env = new HashMap<>(workspace.env());
        env.put("GIT_TRACE2_PERF", trace.toString());
        ClaudeSession traced = new ClaudeSession(workspace, Sandbox.SESSION_B,
                (stdin, args) -> CliRun.run(workspace.repo, env, stdin, args));

        traced.prompt("Tweak package 7").bash("sed -i 's/7/seven/' pkg7/file.txt",
                () -> write("pkg7/file.txt", "file seven\n")).say("Done.");
        Files.delete(trace);   // what the prompt's git processes did
        assertThat(traced.stop().exitCode()).isZero();

        assertThat(stepChanges()).containsExactly("M\tpkg7/file.txt");
        List<Long> visits = Pattern.compile("directories-visited:(\\d+)").matcher(Files.readString(trace)).results()
                .map(found -> Long.parseLong(found.group(1))).toList();
        assertThat(visits).as("folders read by each git process of the stop: %s", visits)
                .filteredOn(visited -> visited >= packages).hasSize(1);
    }

    /** What the session's snapshots change against HEAD, Entire's own metadata left out. */
    private List<String> stepChanges() {
        assertThat(live.shadowBranches()).as("a step was recorded").hasSize(1);
        return workspace.git.run("diff", "--name-status", "--no-renames", "HEAD", live.shadowBranches().get(0), "--",
                ".", ":!.entire").text().lines().toList();
    }

    private void write(String path, String content) {
        try {
            Path file = workspace.repo.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void symlink(String path, String target) {
        try {
            Files.createSymbolicLink(workspace.repo.resolve(path), Path.of(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void delete(String path) {
        try {
            Files.delete(workspace.repo.resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
