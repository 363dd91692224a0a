package io.entire.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.entire.core.testing.TestRepository;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Each agent's format reads the text its tool calls wrote from a real recorded session of that agent: what blame and
 * the stored attribution compare committed lines with.
 */
class RecordedWritesTest {
    private static final Path AGENTS = TestRepository.FIXTURES.resolve("agents");

    @Test
    void codexWritesAreTheLinesEachApplyPatchAdded() throws IOException {
        List<RecordedWrite> writes = read("codex", AGENTS.resolve(
                "codex/rollout-2026-12-04T21-22-05-01a242ef-8f49-7880-9740-3cf34e06dc87.jsonl"));

        assertThat(writes).containsExactly(
                new RecordedWrite("greeting.txt", "Hello", Optional.of("Add a greeting file")),
                new RecordedWrite("README.md", "# Hello", Optional.of("Fix the typo in README.md")));
    }

    @Test
    void geminiWritesAreWriteFileContentsAndReplacements() throws IOException {
        List<RecordedWrite> writes = read("gemini", AGENTS.resolve(
                "gemini/chats/session-2026-12-04T21-54-3d802d31.jsonl"));

        assertThat(writes).extracting(RecordedWrite::content).containsExactly("Hello\n", "Goodbye");
        assertThat(writes).allMatch(write -> write.isFor("hello.txt"));
        assertThat(writes.get(1).prompt()).contains("Change Hello to Goodbye in hello.txt");
    }

    @Test
    void copilotWritesAreCreatedFilesAndEditedText() throws IOException {
        List<RecordedWrite> writes = read("copilot", AGENTS.resolve(
                "copilot/session-state/0b4607ed-dadd-4953-90df-369a1da59dbd/events.jsonl"));

        assertThat(writes).containsExactly(
                new RecordedWrite("/tmp/cpr/repo/greeting.txt", "Hello, world\n", Optional.of("Add a greeting file")),
                new RecordedWrite("/tmp/cpr/repo/README.md", "Hello", Optional.of("Fix the typo in README.md")));
    }

    @Test
    void openCodeWritesAreWrittenFilesAndEditedText() throws IOException {
        List<RecordedWrite> writes = read("opencode", AGENTS.resolve("opencode/session.json"));

        assertThat(writes).extracting(RecordedWrite::filePath, RecordedWrite::content).containsExactly(
                tuple("/tmp/oc-rec/repo/greeting.txt", "Hello\n"),
                tuple("/tmp/oc-rec/repo/README.md", "Hello"));
        assertThat(writes.get(1).prompt()).isPresent();
    }

    private static List<RecordedWrite> read(String agent, Path transcript) throws IOException {
        List<RecordedWrite> writes = new ArrayList<>();
        try (OutputStream sink = Agents.bySlug(agent).transcriptFormat().recordedWrites(writes::add).orElseThrow()) {
            Files.copy(transcript, sink);
        }
        return writes;
    }
}
