package io.entire.core.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entire.core.testing.TestRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The malloc setting fast-import runs with (ours unless the user set glibc tunables of their own), and its scratch
 * file.
 */
class FastImportTest {
    @TempDir
    Path temp;

    @Test
    void raisesGlibcHeapTrimmingUnlessTheUserTunedGlibc() throws Exception {
        Path repo = TestRepository.withCommit(temp.resolve("repo")).workTree();
        Map<String, String> untuned = new HashMap<>(System.getenv());
        untuned.remove("GLIBC_TUNABLES");
        Map<String, String> tuned = new HashMap<>(untuned);
        tuned.put("GLIBC_TUNABLES", "glibc.malloc.arena_max=2");

        assertThat(tunablesSeenBy(Git.forEnvironment(repo, untuned)))
                .isEqualTo("glibc.malloc.trim_threshold=268435456");
        assertThat(tunablesSeenBy(Git.forEnvironment(repo, tuned))).isEqualTo("glibc.malloc.arena_max=2");
    }

    @Test
    void aFastImportThatCannotStartLeavesNoScratchFile() throws IOException {
        Path scratch = Files.createDirectories(temp.resolve("scratch"));
        Git nowhere = new Git(temp.resolve("no-such-folder"));

        assertThatThrownBy(() -> new FastImport(nowhere, scratch)).isInstanceOf(RuntimeException.class);

        try (Stream<Path> left = Files.list(scratch)) {
            assertThat(left).isEmpty();
        }
    }

    /** GLIBC_TUNABLES as a process started like fast-import sees it (a shell alias prints it). */
    private static String tunablesSeenBy(Git git) throws IOException, InterruptedException {
        Process process = git.start(List.of("-c", "alias.tunables=!printf %s \"$GLIBC_TUNABLES\"", "tunables"),
                FastImport.MALLOC_SETTINGS);
        process.getOutputStream().close();
        String seen = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.getErrorStream().readAllBytes();
        assertThat(process.waitFor()).isZero();
        return seen;
    }
}
