package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.Environment;
import io.entire.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The git hooks as the hook server runs them: what they leave for after their reply. */
class GitHooksTest {
    @TempDir
    Path temp;
    Path message;

    @Test
    void aServedPrepareCommitMsgLinksBeforeItsReplyAndLogsTheLinkAfterIt() throws Exception {
        Sandbox workspace = linkableWork();
        Path log = workspace.repo.resolve(".entire/" + HookLog.FILE);
        Files.deleteIfExists(log);
        StringWriter err = new StringWriter();
        HookStreams streams = streams(workspace, err);

        assertThat(prepareCommitMessage(streams)).isZero();

        assertThat(Files.readString(message)).containsPattern("\nEntire-Checkpoint: [0-9a-f]{12}\n");
        assertThat(log).as("nothing for git to wait on before the reply").doesNotExist();
        HookEntry.runAfterReply(streams);
        assertThat(Files.readString(log)).contains("\"component\":\"git prepare-commit-msg\"", "linked");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void theSessionsPendingCheckpointIsSavedAfterTheReplyWithTheOwedMarkNamingItsSessionMeanwhile() throws Exception {
        Sandbox workspace = linkableWork();
        HookStreams streams = streams(workspace, new StringWriter());
        LiveCapture live = new LiveCapture(workspace);

        assertThat(prepareCommitMessage(streams)).isZero();

        String id = checkpointIn(message);
        assertThat(live.sessionState(Sandbox.SESSION_A).findString("pending_checkpoint_id"))
                .as("the state is saved after the reply").isEmpty();
        assertThat(Files.readString(workspace.repo.resolve(".git/entire-owed/" + id + ".json")))
                .contains(Sandbox.SESSION_A);
        HookEntry.runAfterReply(streams);
        assertThat(live.sessionState(Sandbox.SESSION_A).findString("pending_checkpoint_id")).contains(id);
    }

    @Test
    void aServerKilledRightAfterTheReplyLosesNoCheckpointTheCommitNames() throws Exception {
        Sandbox workspace = linkableWork();
        assertThat(prepareCommitMessage(streams(workspace, new StringWriter()))).isZero();   // no work after it
        String id = checkpointIn(message);

        workspace.git.run("-c", "core.hooksPath=/dev/null", "commit", "-q", "-F", message.toString());
        HookEntry.run(new String[] {"hooks", "git", "post-commit"}, new ByteArrayInputStream(new byte[0]),
                new HookStreams(environment(workspace), new PrintWriter(new StringWriter()),
                        new PrintWriter(new StringWriter()), AfterReply.ofOwnProcess()));

        LiveCapture live = new LiveCapture(workspace);
        assertThat(live.headCheckpoint()).contains(id);
        assertThat(live.checkpointFile(id, "0/prompt.txt")).contains("Write the parser");
        assertThat(workspace.repo.resolve(".git/entire-owed/" + id + ".json")).doesNotExist();
    }

    @Test
    void aPendingCheckpointSavedAfterThePostCommitCondensedItIsNotSaved() throws Exception {
        Sandbox workspace = linkableWork();
        HookStreams streams = streams(workspace, new StringWriter());
        assertThat(prepareCommitMessage(streams)).isZero();
        String id = checkpointIn(message);
        workspace.git.run("-c", "core.hooksPath=/dev/null", "commit", "-q", "-F", message.toString());
        HookEntry.run(new String[] {"hooks", "git", "post-commit"}, new ByteArrayInputStream(new byte[0]),
                new HookStreams(environment(workspace), new PrintWriter(new StringWriter()),
                        new PrintWriter(new StringWriter()), AfterReply.ofOwnProcess()));

        HookEntry.runAfterReply(streams);

        JsonObject state = new LiveCapture(workspace).sessionState(Sandbox.SESSION_A);
        assertThat(state.findString("pending_checkpoint_id")).isEmpty();
        assertThat(state.findString("last_checkpoint_id")).contains(id);
    }

    /** An enabled repository where a session's turn wrote parser.txt, which is staged; a message to link. */
    private Sandbox linkableWork() throws Exception {
        Sandbox workspace = Sandbox.withReadme(temp.resolve("work"));
        assertThat(CliRun.run(workspace.repo, workspace.env(), "enable").exitCode()).isZero();
        ClaudeSession session = new ClaudeSession(workspace, Sandbox.SESSION_A);
        session.prompt("Write the parser").write("parser.txt", "parse\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();
        workspace.git.run("add", "parser.txt");
        message = Files.writeString(temp.resolve("COMMIT_EDITMSG"), "Parser\n");
        return workspace;
    }

    private static Environment environment(Sandbox workspace) {
        Map<String, String> variables = new HashMap<>(System.getenv());
        variables.putAll(workspace.env());
        variables.put("ENTIRE_NO_TTY", "1");
        return Environment.of(variables, workspace.repo, workspace.repo);
    }

    /** A served hook's streams. */
    private static HookStreams streams(Sandbox workspace, StringWriter err) {
        return new HookStreams(environment(workspace), new PrintWriter(new StringWriter()), new PrintWriter(err));
    }

    /** Runs prepare-commit-msg up to its reply. */
    private int prepareCommitMessage(HookStreams streams) {
        return HookEntry.runUntilReply(new String[] {"hooks", "git", "prepare-commit-msg", message.toString(),
            "message"}, new ByteArrayInputStream(new byte[0]), streams);
    }

    private static String checkpointIn(Path message) throws Exception {
        Matcher linked = Pattern.compile("Entire-Checkpoint: ([0-9a-f]{12})").matcher(Files.readString(message));
        assertThat(linked.find()).isTrue();
        return linked.group(1);
    }
}
