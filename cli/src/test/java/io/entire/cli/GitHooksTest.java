package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.Environment;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The git hooks as the hook server runs them: what they leave for after their reply. */
class GitHooksTest {
    @TempDir
    Path temp;

    @Test
    void aServedPrepareCommitMsgLinksBeforeItsReplyAndLogsTheLinkAfterIt() throws Exception {
        Sandbox workspace = Sandbox.withReadme(temp.resolve("work"));
        assertThat(CliRun.run(workspace.repo, workspace.env(), "enable").exitCode()).isZero();
        ClaudeSession session = new ClaudeSession(workspace, Sandbox.SESSION_A);
        session.prompt("Write the parser").write("parser.txt", "parse\n").say("Done.");
        assertThat(session.stop().exitCode()).isZero();
        workspace.git.run("add", "parser.txt");
        Path message = Files.writeString(temp.resolve("COMMIT_EDITMSG"), "Parser\n");
        Path log = workspace.repo.resolve(".entire/" + HookLog.FILE);
        Files.deleteIfExists(log);
        Map<String, String> variables = new HashMap<>(System.getenv());
        variables.putAll(workspace.env());
        variables.put("ENTIRE_NO_TTY", "1");
        StringWriter err = new StringWriter();
        HookStreams streams = new HookStreams(Environment.of(variables, workspace.repo, workspace.repo),
                new PrintWriter(new StringWriter()), new PrintWriter(err));

        int exitCode = HookEntry.runUntilReply(new String[] {"hooks", "git", "prepare-commit-msg",
            message.toString(), "message"}, new ByteArrayInputStream(new byte[0]), streams);

        assertThat(exitCode).isZero();
        assertThat(Files.readString(message)).containsPattern("\nEntire-Checkpoint: [0-9a-f]{12}\n");
        assertThat(log).as("nothing for git to wait on before the reply").doesNotExist();
        HookEntry.runAfterReply(streams);
        assertThat(Files.readString(log)).contains("\"component\":\"git prepare-commit-msg\"", "linked");
        assertThat(err.toString()).isEmpty();
    }
}
