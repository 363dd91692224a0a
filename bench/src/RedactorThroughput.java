import io.entire.core.redact.RedactionResult;
import io.entire.core.redact.Redactor;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Redaction throughput over one transcript, in a warmed JVM: three rounds of {@code Redactor.redactJsonl} with the
 * output discarded; prints the median round as {@code <MB/s> <seconds> <lines redacted>}. Run with the built jar on the
 * class path: {@code java -cp bin/entire.jar bench/src/RedactorThroughput.java <transcript.jsonl>}.
 */
public final class RedactorThroughput {
    private static final int ROUNDS = 3;

    private RedactorThroughput() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: RedactorThroughput <transcript.jsonl>");
        }
        Path transcript = Path.of(args[0]);
        long bytes = Files.size(transcript);
        Redactor redactor = new Redactor();
        double[] seconds = new double[ROUNDS];
        RedactionResult result = null;
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            try (InputStream in = new BufferedInputStream(Files.newInputStream(transcript))) {
                result = redactor.redactJsonl(in, OutputStream.nullOutputStream());
            }
            seconds[round] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        double median = seconds[ROUNDS / 2];
        System.out.printf("%.0f %.2f %d%n", bytes / 1e6 / median, median, result.linesRedacted());
    }
}
