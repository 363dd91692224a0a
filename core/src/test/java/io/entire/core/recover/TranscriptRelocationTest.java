package io.entire.core.recover;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptRelocationTest {
    @TempDir
    Path temp;

    @Test
    void rewritesTheOldWorkTreeButNeverALongerName() throws IOException {
        Path source = Files.writeString(temp.resolve("in.jsonl"),
                "{\"cwd\":\"/home/alice/repo\",\"file_path\":\"/home/alice/repo/src/a.java\"}\n"
                        + "{\"command\":\"cd /home/alice/repo && ls /home/alice/repo2 /home/alice/repo.old\"}\n");
        Path target = temp.resolve("out.jsonl");

        TranscriptRelocation.rewrite(source, target, Path.of("/home/alice/repo"), Path.of("/srv/bob/clone"));

        assertThat(Files.readString(target)).isEqualTo(
                "{\"cwd\":\"/srv/bob/clone\",\"file_path\":\"/srv/bob/clone/src/a.java\"}\n"
                        + "{\"command\":\"cd /srv/bob/clone && ls /home/alice/repo2 /home/alice/repo.old\"}\n");
    }

    @Test
    void theOriginalWorkTreeIsTheFolderAboveASubdirectoryTheAgentWasStartedIn() throws IOException {
        Path transcript = Files.writeString(temp.resolve("in.jsonl"),
                "{\"cwd\":\"/home/alice/repo/src\"}\n"
                        + "{\"file_path\":\"/home/alice/repo/src/lexer.txt\"}\n");

        assertThat(TranscriptRelocation.originalWorkTree(transcript, Path.of("/home/alice/repo/src"),
                List.of("README.md", "src/lexer.txt"))).isEqualTo(Path.of("/home/alice/repo"));
        assertThat(TranscriptRelocation.originalWorkTree(transcript, Path.of("/home/alice/repo/src"), List.of()))
                .as("nothing to tell by: the folder it was started in").isEqualTo(Path.of("/home/alice/repo/src"));
    }

    @Test
    void anAgentStartedAtTheTopIsThere() throws IOException {
        Path transcript = Files.writeString(temp.resolve("in.jsonl"),
                "{\"cwd\":\"/home/alice/repo\",\"file_path\":\"/home/alice/repo/lexer.txt\"}\n");

        assertThat(TranscriptRelocation.originalWorkTree(transcript, Path.of("/home/alice/repo"),
                List.of("lexer.txt"))).isEqualTo(Path.of("/home/alice/repo"));
    }
}
