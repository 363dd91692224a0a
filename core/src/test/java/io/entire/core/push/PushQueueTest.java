package io.entire.core.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.RefName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushQueueTest {
    @TempDir
    Path commonDir;

    @Test
    void eightConcurrentProcessesEnqueueWithoutLosingOrTearingALine() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> writers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            writers.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    QueueWriter.class.getName(), commonDir.toString(), "a" + w, "100").redirectErrorStream(true)
                    .start());
        }
        for (Process writer : writers) {
            String output = new String(writer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(writer.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(writer.exitValue()).as(output).isZero();
        }
        List<String> lines = Files.readAllLines(commonDir.resolve(PushQueue.FILE));
        assertThat(lines).hasSize(800)
                .allMatch(line -> line.matches("\\{\"ref\":\"refs/entire/checkpoints/a[0-7]/a[0-7]\\d{8}\"}"));
        assertThat(new PushQueue(commonDir).entries()).hasSize(800);
    }

    @Test
    void removingKeepsEntriesAddedMeanwhileAndSkipsMalformedLinesAndRefsEntireDoesNotPush() throws IOException {
        PushQueue queue = new PushQueue(commonDir);
        RefName first = RefName.of("refs/entire/checkpoints/a3/a3b2c4d5e6f7");
        RefName second = RefName.of("refs/entire/checkpoints/b1/b1b2c4d5e6f7");
        queue.add(first);
        Files.writeString(commonDir.resolve(PushQueue.FILE), "{broken\n{\"other\":1}\n{\"ref\":\"refs/heads/main\"}\n",
                java.nio.file.StandardOpenOption.APPEND);
        queue.addAll(List.of(second, first));
        assertThat(queue.entries()).containsExactly(first, second);
        queue.removeAll(List.of(first));
        assertThat(queue.entries()).containsExactly(second);
    }

    @Test
    void aLineThatIsNotUtf8IsSkippedAndNeverBlocksTheQueue() throws IOException {
        PushQueue queue = new PushQueue(commonDir);
        RefName first = RefName.of("refs/entire/checkpoints/a3/a3b2c4d5e6f7");
        RefName second = RefName.of("refs/entire/checkpoints/b1/b1b2c4d5e6f7");
        queue.add(first);
        byte[] invalid = "{\"ref\":\"refs/entire/checkpoints/c1/c1\u00ff\"}\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(commonDir.resolve(PushQueue.FILE), invalid, java.nio.file.StandardOpenOption.APPEND);
        queue.add(second);

        assertThat(queue.entries()).containsExactly(first, second);
        queue.removeAll(List.of(first));
        assertThat(queue.entries()).containsExactly(second);
    }
}
