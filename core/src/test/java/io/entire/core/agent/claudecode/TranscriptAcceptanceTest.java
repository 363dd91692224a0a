package io.entire.core.agent.claudecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.entire.core.agent.TranscriptAcceptance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which transcript paths of a hook payload are read: only Claude Code's own files, as the payload's user sees them. */
class TranscriptAcceptanceTest {
    private final ClaudeTranscriptLocator locator = new ClaudeTranscriptLocator();

    @TempDir
    Path temp;
    Path config;
    Path project;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws IOException {
        config = temp.resolve("claude");
        project = Files.createDirectories(config.resolve("projects/-work-repo"));
        env = Map.of("CLAUDE_CONFIG_DIR", config.toString(), "HOME", temp.resolve("home").toString());
    }

    @Test
    void aTranscriptInClaudesProjectsFolderIsAccepted() throws IOException {
        Path transcript = Files.writeString(project.resolve("s.jsonl"), "{}\n");

        assertThat(locator.accept(transcript, env).transcript()).contains(transcript.toRealPath());
    }

    @Test
    void theConfigFolderComesFromTheGivenEnvironmentWithHomeAsItsDefault() throws IOException {
        Path home = temp.resolve("home");
        Path transcript = Files.writeString(Files.createDirectories(home.resolve(".claude/projects/-r"))
                .resolve("s.jsonl"), "{}\n");

        assertThat(locator.accept(transcript, Map.of("HOME", home.toString())).transcript())
                .contains(transcript.toRealPath());
        assertThat(locator.accept(transcript, env).refusal()).contains("is not inside");
    }

    @Test
    void aTranscriptNotWrittenYetIsAcceptedWhenItsFolderIsClaudes() {
        Path transcript = project.resolve("new.jsonl");

        assertThat(locator.accept(transcript, env).transcript()).isPresent();
        assertThat(locator.accept(temp.resolve("elsewhere/new.jsonl"), env).transcript()).isEmpty();
    }

    @Test
    void aSystemFileIsRefused() {
        TranscriptAcceptance passwd = locator.accept(Path.of("/etc/passwd"), env);

        assertThat(passwd.transcript()).isEmpty();
        assertThat(passwd.refusal()).startsWith("transcript_path /etc/passwd ignored: it is not inside");
    }

    @Test
    void aLinkInsideTheProjectsFolderPointingOutIsRefused() throws IOException {
        Path outside = Files.writeString(temp.resolve("secret.jsonl"), "{\"secret\":1}\n");
        Path link = Files.createSymbolicLink(project.resolve("link.jsonl"), outside);
        Path linkedFolder = Files.createSymbolicLink(config.resolve("projects/-linked"), temp);

        assertThat(locator.accept(link, env).refusal()).contains("is not inside");
        assertThat(locator.accept(linkedFolder.resolve("secret.jsonl"), env).refusal())
                .contains("is not inside");
    }

    @Test
    void aPathThatClimbsOutOfTheProjectsFolderIsRefused() throws IOException {
        Path outside = Files.writeString(temp.resolve("secret.jsonl"), "{\"secret\":1}\n");

        assertThat(locator.accept(project.resolve("../../../secret.jsonl"), env).transcript())
                .as(outside.toString()).isEmpty();
        assertThat(locator.accept(config.resolve("projects"), env).transcript()).isEmpty();
    }

    @Test
    void aFolderIsRefused() throws IOException {
        Path folder = Files.createDirectories(project.resolve("folder.jsonl"));

        assertThat(locator.accept(folder, env).refusal()).contains("not a regular file");
    }

    @Test
    void aFileOfAnotherUserIsRefused() throws IOException {
        assumeThat(System.getProperty("user.name")).as("only root can give a file away").isEqualTo("root");
        Path transcript = Files.writeString(project.resolve("theirs.jsonl"), "{}\n");
        UserPrincipal nobody = transcript.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName("nobody");
        Files.setOwner(transcript, nobody);

        assertThat(locator.accept(transcript, env).refusal()).contains("belongs to another user");
    }

    @Test
    void withoutAProjectsFolderNothingIsAccepted() throws IOException {
        Path transcript = Files.writeString(temp.resolve("s.jsonl"), "{}\n");

        assertThat(locator.accept(transcript, Map.of("CLAUDE_CONFIG_DIR", temp.resolve("none")
                .toString())).refusal()).contains("there is no Claude Code projects folder");
    }
}
