package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the launcher's start-up cache training runs, in the environment the launcher gives it. */
class CacheTrainingTest {
    @TempDir
    Path temp;

    @Test
    void theSearchTrainingIndexesAStoredCheckpoint() throws IOException {
        Path home = Files.createDirectories(temp.resolve("home"));
        Environment launcher = Environment.of(Map.of("HOME", home.toString(), "PATH", System.getenv("PATH"),
                "GIT_CONFIG_NOSYSTEM", "1", "GIT_CONFIG_GLOBAL", "/dev/null", "GIT_AUTHOR_NAME", "entire",
                "GIT_AUTHOR_EMAIL", "entire@localhost", "GIT_COMMITTER_NAME", "entire",
                "GIT_COMMITTER_EMAIL", "entire@localhost"), Path.of("/"), home);

        assertThat(CacheTraining.trainSearch(launcher)).as("an index built of no checkpoint trains no build")
                .isEqualTo(1);
    }
}
