package io.entire.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.testing.TestRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The real transcripts of testdata/: two raw Claude Code sessions and every full.jsonl of the upstream sample bundle. */
final class Fixtures {
    static final Path DIRECTORY = TestRepository.FIXTURES;

    private Fixtures() {
    }

    static List<Path> claudeCodeTranscripts() throws IOException {
        try (Stream<Path> files = Files.list(DIRECTORY.resolve("claude-code"))) {
            return files.filter(file -> file.toString().endsWith(".jsonl")).sorted().toList();
        }
    }

    /** Checks the bundle's checkpoint branch out into {@code directory} and lists its transcripts. */
    static List<Path> bundleTranscripts(Path directory) throws IOException, InterruptedException {
        Process clone = new ProcessBuilder("git", "clone", "--quiet", "--branch", "entire/checkpoints/v1",
                DIRECTORY.resolve("upstream-v1-sample.bundle").toString(), directory.toString())
                .redirectErrorStream(true).start();
        String output = new String(clone.getInputStream().readAllBytes());
        assertThat(clone.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(clone.exitValue()).as(output).isZero();
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(file -> file.getFileName().toString().equals("full.jsonl")).sorted().toList();
        }
    }
}
