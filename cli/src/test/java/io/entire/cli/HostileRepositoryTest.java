package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.Git;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository an attacker prepared and a user cloned: it commits symbolic links where Entire writes, so that enable
 * and the hooks would write outside the clone (the user's shell rc file, their home). Nothing is written through them.
 */
class HostileRepositoryTest {
    @TempDir
    Path temp;
    Sandbox attacker;
    Path home;
    Path shellRc;

    @BeforeEach
    void setUp() throws IOException {
        attacker = new Sandbox(temp.resolve("attacker"));
        home = Files.createDirectories(temp.resolve("home"));
        shellRc = Files.writeString(home.resolve(".bashrc"), "export EDITOR=vi\n");
        Files.writeString(attacker.repo.resolve("README.md"), "readme\n");
    }

    @Test
    void aLogCommittedAsALinkToTheShellRcFileIsNeverWrittenThrough() throws IOException {
        Files.createDirectories(attacker.repo.resolve(".entire/logs"));
        Files.writeString(attacker.repo.resolve(".entire/settings.json"), "{\"enabled\": true}\n");
        Files.createSymbolicLink(attacker.repo.resolve(".entire/logs/entire.log"), shellRc);
        Sandbox victim = cloneAndEnable();
        ClaudeSession session = new ClaudeSession(victim, Sandbox.SESSION_A);

        session.prompt("Write the file").write("x; touch PWNED #", "pwned\n").say("Done.");
        CliRun stop = session.stop();

        assertThat(stop.exitCode()).isZero();
        assertThat(Files.readString(shellRc)).isEqualTo("export EDITOR=vi\n");
        assertThat(stop.err().lines()).as(stop.err()).singleElement().asString()
                .contains("step 1", "x; touch PWNED #", "symbolic link");
        assertThat(victim.git.run("for-each-ref", "--format=%(refname)", "refs/heads/entire/").text())
                .as("the step was still recorded").isNotEmpty();
    }

    @Test
    void aLogFolderCommittedAsALinkGetsNothingWrittenInto() throws IOException {
        Files.createDirectories(attacker.repo.resolve(".entire"));
        Files.writeString(attacker.repo.resolve(".entire/settings.json"), "{\"enabled\": true}\n");
        Files.createSymbolicLink(attacker.repo.resolve(".entire/logs"), home);
        Sandbox victim = cloneAndEnable();
        ClaudeSession session = new ClaudeSession(victim, Sandbox.SESSION_A);

        session.prompt("Write notes").write("notes.txt", "notes\n").say("Done.");
        CliRun stop = session.stop();

        assertThat(stop.exitCode()).isZero();
        assertThat(entries(home)).containsExactly(".bashrc");
        assertThat(stop.err()).contains("symbolic link");
    }

    @Test
    void aLinkedEntireFolderStopsEnableBeforeItWritesAnything() throws IOException {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.createSymbolicLink(attacker.repo.resolve(".entire"), outside);
        Sandbox victim = cloneOf();

        CliRun enable = enable(victim);

        assertThat(enable.exitCode()).as(enable.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(enable.err()).contains("symbolic link", ".entire");
        assertThat(entries(outside)).isEmpty();
        assertThat(victim.repo.resolve(".claude")).doesNotExist();
        assertThat(victim.repo.resolve(".git/hooks/post-commit")).doesNotExist();
    }

    @Test
    void aLinkedGitignoreStopsEnableBeforeItWritesAnything() throws IOException {
        Files.createDirectories(attacker.repo.resolve(".entire"));
        Files.createSymbolicLink(attacker.repo.resolve(".entire/.gitignore"), shellRc);
        Sandbox victim = cloneOf();

        CliRun enable = enable(victim);

        assertThat(enable.exitCode()).as(enable.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(enable.err()).contains("symbolic link");
        assertThat(Files.readString(shellRc)).isEqualTo("export EDITOR=vi\n");
        assertThat(victim.repo.resolve(".entire/settings.json")).doesNotExist();
        assertThat(victim.repo.resolve(".claude")).doesNotExist();
    }

    @Test
    void aLinkedClaudeFolderStopsEnableBeforeItWritesAnything() throws IOException {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.createSymbolicLink(attacker.repo.resolve(".claude"), outside);
        Sandbox victim = cloneOf();

        CliRun enable = enable(victim);

        assertThat(enable.exitCode()).as(enable.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(entries(outside)).isEmpty();
        assertThat(victim.repo.resolve(".entire")).doesNotExist();
    }

    @Test
    void aTranscriptPathOutsideClaudesFoldersIsNeverRead() throws IOException {
        Sandbox victim = cloneAndEnable();
        Path secret = Files.writeString(home.resolve("secret.jsonl"), "{\"type\":\"user\",\"secret\":\"hunter2\"}\n");
        String payload = "{\"session_id\":\"" + Sandbox.SESSION_A + "\",\"transcript_path\":\"" + secret
                + "\",\"cwd\":\"" + victim.repo + "\",\"hook_event_name\":\"%s\",\"prompt\":\"Write notes\"}";

        CliRun prompt = hook(victim, payload.formatted("UserPromptSubmit"), "user-prompt-submit");
        Files.writeString(victim.repo.resolve("notes.txt"), "notes\n");
        CliRun stop = hook(victim, payload.formatted("Stop"), "stop");
        LiveCapture live = new LiveCapture(victim);
        live.agentGit.run("add", "notes.txt");
        live.agentGit.run("commit", "-q", "-m", "Notes");

        assertThat(prompt.exitCode()).isZero();
        assertThat(stop.exitCode()).isZero();
        assertThat(Files.readString(victim.repo.resolve(".git/entire-sessions/" + Sandbox.SESSION_A + ".json")))
                .doesNotContain(secret.toString());
        assertThat(Files.readString(victim.repo.resolve(".entire/logs/entire.log")))
                .contains("transcript_path " + secret + " ignored");
        assertThat(victim.git.run("log", "-p", "--all").text()).doesNotContain("hunter2");
    }

    @Test
    void promptsAreRedactedBeforeTheyAreStoredOrShownAndSessionFilesAreTheOwnersOnly() throws IOException {
        Sandbox victim = cloneAndEnable();
        ClaudeSession session = new ClaudeSession(victim, Sandbox.SESSION_A);
        String token = "ghp_" + "R8sXk2pQ7vLm4nTz9wYb3cJd6fHg1aEuK5oN";

        session.prompt("Push with token " + token + " please").write("notes.txt", "n\n").say("Done.");
        CliRun stop = session.stop();
        CliRun status = new LiveCapture(victim).run("status", "--json");

        assertThat(stop.exitCode()).isZero();
        Path sessions = victim.repo.resolve(".git/entire-sessions");
        Path state = sessions.resolve(Sandbox.SESSION_A + ".json");
        assertThat(Files.readString(state)).doesNotContain(token).contains("Push with token REDACTED please");
        assertThat(status.out()).doesNotContain(token).contains("REDACTED");
        assertThat(permissions(sessions)).isEqualTo("rwx------");
        assertThat(permissions(state)).isEqualTo("rw-------");
        Path log = victim.repo.resolve(".entire/logs/entire.log");
        assertThat(log).exists();
        assertThat(permissions(log.getParent())).isEqualTo("rwx------");
        assertThat(permissions(log)).isEqualTo("rw-------");
    }

    /** The attacker's commit, cloned by the user, with Entire enabled as the user would. */
    private Sandbox cloneAndEnable() {
        Sandbox victim = cloneOf();
        CliRun enable = enable(victim);
        assertThat(enable.exitCode()).as(enable.toString()).isZero();
        return victim;
    }

    private Sandbox cloneOf() {
        attacker.git.run("add", "-A");
        attacker.commit("A useful project");
        Path clone = temp.resolve("victim");
        new Git(temp).run("clone", "-q", attacker.repo.toString(), clone.toString());
        return Sandbox.existing(clone, attacker.claudeConfig);
    }

    private static CliRun enable(Sandbox victim) {
        return new LiveCapture(victim).run("enable");
    }

    private static CliRun hook(Sandbox victim, String payload, String verb) {
        return CliRun.run(victim.repo, victim.env(), payload.getBytes(StandardCharsets.UTF_8), "hooks", "claude-code",
                verb);
    }

    private static List<String> entries(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
