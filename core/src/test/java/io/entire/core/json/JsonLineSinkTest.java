package io.entire.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.testing.TestRepository;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonLineSinkTest {
    private static final Path TRANSCRIPT = TestRepository.FIXTURES.resolve("claude-code")
            .resolve("9d440bfc-a64f-43be-aa10-10a3764a59ea.jsonl");

    /** Whatever sizes the writer's chunks have, the lines come out as JsonLinesReader reads them. */
    @ParameterizedTest
    @ValueSource(ints = {1, 7, 4096, 1 << 20})
    void givesEveryLineOfARealTranscriptWhateverTheChunks(int chunk) throws Exception {
        byte[] transcript = Files.readAllBytes(TRANSCRIPT);
        List<String> expected = new ArrayList<>();
        try (InputStream in = Files.newInputStream(TRANSCRIPT)) {
            JsonLinesReader reader = new JsonLinesReader(in);
            while (reader.next()) {
                expected.add(new String(reader.bytes(), 0, reader.length(), StandardCharsets.UTF_8));
            }
        }
        List<String> lines = new ArrayList<>();
        try (JsonLineSink sink = new JsonLineSink((bytes, length) -> lines.add(new String(bytes, 0, length,
                StandardCharsets.UTF_8)))) {
            for (int offset = 0; offset < transcript.length; offset += chunk) {
                sink.write(transcript, offset, Math.min(chunk, transcript.length - offset));
            }
        }
        assertThat(lines).isEqualTo(expected).hasSizeGreaterThan(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1}\n{\"b\":2}", "{\"a\":1}\n{\"b\":2}\n", "{\"a\":1}\n\n{\"b\":2}\n"})
    void aLastLineWithoutNewlineCountsAndEmptyLinesDoNot(String text) {
        List<String> lines = new ArrayList<>();
        JsonLineSink sink = new JsonLineSink((bytes, length) -> lines.add(new String(bytes, 0, length,
                StandardCharsets.UTF_8)));
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        sink.write(bytes, 0, bytes.length);
        sink.close();
        assertThat(lines).containsExactly("{\"a\":1}", "{\"b\":2}");
    }
}
