package io.entire.core.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.testing.TestEnvironment;
import io.entire.core.testing.TestRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user with {@code i18n.logOutputEncoding} set: git log re-encodes messages and names into it, and the commands that
 * read commits through git log, then write a commit from what they read (linking HEAD), must still see UTF-8.
 */
class LogOutputEncodingTest {
    @TempDir
    Path temp;

    @Test
    void commitsReadThroughGitLogKeepTheirText() {
        Git git = TestRepository.init(temp.resolve("repo"));
        git.run("-c", "user.name=José Müller", "commit", "-q", "--allow-empty", "-m",
                "Café: naïve fix\n\nEntire-Checkpoint: a3b2c4d5e6f7");
        git.run("config", "i18n.logOutputEncoding", "ISO-8859-1");
        assertThat(new String(git.run("log", "-1", "--format=%B").stdout(), StandardCharsets.UTF_8))
                .as("the condition this test is about").doesNotContain("Café");

        GitRepository repository = GitRepository.open(temp.resolve("repo"), TestEnvironment.ofThisJvm());
        ObjectId head = ObjectId.of(git.run("rev-parse", "HEAD").text().strip());
        String message = "Café: naïve fix\n\nEntire-Checkpoint: a3b2c4d5e6f7\n";
        LogReaders.assertReadHead(repository, head, message);

        assertThat(repository.rewordHead(head, old -> old + "Entire-Checkpoint: b4c3d2e1f0a9\n"))
                .isEqualTo(RefUpdateResult.UPDATED);
        String reworded = new String(git.run("cat-file", "commit", "HEAD").stdout(), StandardCharsets.UTF_8);
        assertThat(reworded).contains("\nauthor José Müller <")
                .endsWith("\n\nCafé: naïve fix\n\nEntire-Checkpoint: a3b2c4d5e6f7\n"
                        + "Entire-Checkpoint: b4c3d2e1f0a9\n");
    }

    @Test
    void aCommitWrittenInAnotherEncodingIsReworded() throws IOException {
        Git git = TestRepository.init(temp.resolve("repo"));
        git.run("config", "i18n.commitEncoding", "ISO-8859-1");
        Path message = Files.write(temp.resolve("message"),
                "Café: naïve fix\n".getBytes(StandardCharsets.ISO_8859_1));
        git.run("commit", "-q", "--allow-empty", "-F", message.toString());
        assertThat(git.run("cat-file", "commit", "HEAD").text()).as("the condition this test is about")
                .contains("\nencoding ISO-8859-1\n");

        GitRepository repository = GitRepository.open(temp.resolve("repo"), TestEnvironment.ofThisJvm());
        ObjectId head = ObjectId.of(git.run("rev-parse", "HEAD").text().strip());
        assertThat(repository.commitMessage(head)).isEqualTo("Café: naïve fix\n");
        assertThat(repository.rewordHead(head, old -> old + "\nEntire-Checkpoint: b4c3d2e1f0a9\n"))
                .isEqualTo(RefUpdateResult.UPDATED);

        ObjectId reworded = ObjectId.of(git.run("rev-parse", "HEAD").text().strip());
        assertThat(repository.commitMessage(reworded))
                .isEqualTo("Café: naïve fix\n\nEntire-Checkpoint: b4c3d2e1f0a9\n");
        assertThat(authorName(git, reworded.hex())).isEqualTo(authorName(git, head.hex()));
        assertThat(git.run("cat-file", "commit", "HEAD").text()).doesNotContain("\nencoding ");
    }

    private static String authorName(Git git, String commit) {
        return new String(git.run("log", "-1", "--encoding=UTF-8", "--format=%an <%ae>", commit).stdout(),
                StandardCharsets.UTF_8);
    }
}
