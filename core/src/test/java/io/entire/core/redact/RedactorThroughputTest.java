package io.entire.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prints redaction throughput over ~50 MB of real transcripts; a measurement for the report, not a timed assertion. */
class RedactorThroughputTest {
    @TempDir
    Path temp;

    @Test
    void measuresThroughputOnFiftyMegabytesOfRealTranscripts() throws IOException, InterruptedException {
        List<Path> transcripts = Fixtures.bundleTranscripts(temp.resolve("checkpoints"));
        Path big = temp.resolve("big.jsonl");
        try (OutputStream out = Files.newOutputStream(big, StandardOpenOption.CREATE_NEW)) {
            while (Files.size(big) < 50L * 1024 * 1024) {
                for (Path transcript : transcripts) {
                    Files.copy(transcript, out);
                }
                out.flush();
            }
        }
        long bytes = Files.size(big);
        Redactor redactor = new Redactor();
        for (int round = 1; round <= 3; round++) {
            long start = System.nanoTime();
            RedactionResult result;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(big))) {
                result = redactor.redactJsonl(in, OutputStream.nullOutputStream());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("round %d: %.1f MB in %.2f s = %.0f MB/s, %s%n", round, bytes / 1e6, seconds,
                    bytes / 1e6 / seconds, result);
            assertThat(result.linesRedacted()).isZero();
        }
    }
}
