package io.entire.core.agent.opencode;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.Environment;
import io.entire.core.agent.RestoreTarget;
import io.entire.core.agent.TranscriptAcceptance;
import io.entire.core.agent.TranscriptLocator;
import io.entire.core.id.SessionId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenCodeTranscriptLocatorTest {
    private static final String SESSION = "ses_dbc64f5e4ffeNIKpddfHplK1Fq";
    private final TranscriptLocator locator = new OpenCode().transcriptLocator();

    @TempDir
    Path temp;

    @Test
    void theSessionFileThePluginWroteInTheWorkTreeIsFoundAndAccepted() throws IOException {
        Path workTree = Files.createDirectories(temp.resolve("repo"));
        Path file = sessionFile(workTree, SESSION);
        Environment hook = environment(workTree.resolve("src"));
        Files.createDirectories(workTree.resolve("src"));

        assertThat(locator.sessionDirectory(workTree, hook)).isEqualTo(workTree.resolve(".entire/tmp"));
        assertThat(locator.find(SessionId.of(SESSION), workTree, hook)).contains(file);
        assertThat(locator.find(SessionId.of("ses_other"), workTree, hook)).isEmpty();
        TranscriptAcceptance accepted = locator.accept(file, hook);
        assertThat(accepted.transcript()).contains(file.toRealPath());
    }

    @Test
    void aStoredSessionGoesBackAsTheExportWithTheImportOpenCodeNeedsBeforeResuming() {
        Path workTree = temp.resolve("repo");

        RestoreTarget target = locator.restoreTarget(SessionId.of(SESSION), workTree, environment(workTree),
                Optional.empty());

        Path export = workTree.resolve(".entire/tmp/" + SESSION + ".json");
        assertThat(target).isEqualTo(new RestoreTarget(export, Optional.of("opencode import " + export)));
    }

    @Test
    void aFileOutsideTheHooksWorkTreesEntireFolderIsRefused() throws IOException {
        Path workTree = Files.createDirectories(temp.resolve("repo"));
        Path otherRepository = sessionFile(Files.createDirectories(temp.resolve("other")), SESSION);
        Path secret = Files.writeString(temp.resolve("secret.json"), "{}");
        Path linked = workTree.resolve(".entire/tmp/ses_linked.json");
        Files.createDirectories(linked.getParent());
        Files.createSymbolicLink(linked, secret);
        Path misnamed = Files.writeString(workTree.resolve(".entire/tmp/notes.txt"), "{}");

        Environment hook = environment(workTree);
        assertThat(locator.accept(otherRepository, hook).refusal()).contains("not in the .entire/tmp folder");
        assertThat(locator.accept(secret, hook).transcript()).isEmpty();
        assertThat(locator.accept(linked, hook).refusal()).contains("not in the .entire/tmp folder");
        assertThat(locator.accept(misnamed, hook).refusal()).contains("<session id>.json");
        assertThat(locator.accept(workTree.resolve(".entire/tmp/missing.json"), hook).refusal())
                .contains("cannot be resolved");
    }

    private static Path sessionFile(Path workTree, String session) throws IOException {
        Path folder = Files.createDirectories(workTree.resolve(".entire/tmp"));
        return Files.writeString(folder.resolve(session + ".json"), "{\"info\": {\"id\": \"" + session + "\"}}\n");
    }

    private static Environment environment(Path workingDirectory) {
        return Environment.of(Map.of(), workingDirectory, workingDirectory);
    }
}
