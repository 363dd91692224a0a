package io.entire.core.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.agent.claudecode.ClaudeCode;
import io.entire.core.git.AddedLine;
import io.entire.core.git.ChangedFile;
import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import io.entire.core.model.AttributedFile;
import io.entire.core.model.InitialAttribution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitialAttributionCalculatorTest {
    private static final ObjectId TREE = ObjectId.of("4b825dc642cb6eb9a060e54bf8d69288fbad0f4b");
    private static final CheckpointId CHECKPOINT = CheckpointId.of("a1b2c3d4e5f6");
    private static final SessionId SESSION = SessionId.of("7a1b2c3d-0001-4e5f-8a9b-000000000001");
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    @TempDir
    Path temp;

    @Test
    void aCommitThatAddsNoLineIsAttributedWithoutReadingTheTranscript() {
        // A commit with no file (an attach to an empty commit) or only removals: the transcript's writes judge no line.
        Path missing = temp.resolve("gone.jsonl");
        InitialAttributionCalculator removals = new InitialAttributionCalculator(
                List.of(new ChangedFile("old.go", List.of(), 4)), TREE);

        Optional<InitialAttribution> attributed = removals.forSession(new ClaudeCode().transcriptFormat(), missing,
                CHECKPOINT, SESSION, NOW);

        assertThat(attributed).contains(new InitialAttribution(NOW, TREE.hex(), List.of(),
                List.of(new AttributedFile("old.go", 0, 4, List.of(), List.of()))));
        assertThat(new InitialAttributionCalculator(List.of(), TREE).forSession(new ClaudeCode().transcriptFormat(),
                missing, CHECKPOINT, SESSION, NOW)).contains(new InitialAttribution(NOW, TREE.hex(), List.of(),
                List.of()));
    }

    @Test
    void linesAreJudgedAgainstTheWritesOfTheTranscript() throws IOException {
        Path transcript = temp.resolve("session.jsonl");
        Files.writeString(transcript, """
                {"type":"user","message":{"role":"user","content":"Write the greeter"}}
                {"type":"assistant","message":{"role":"assistant","content":[{"type":"tool_use","id":"toolu_1",\
                "name":"Write","input":{"file_path":"greet.py","content":"def greet(name):\\n    return 'Hi ' + name\\n"}}]}}
                """);
        InitialAttributionCalculator calculator = new InitialAttributionCalculator(List.of(new ChangedFile("greet.py",
                List.of(new AddedLine(1, "def greet(name):"), new AddedLine(2, "    return 'Hello ' + name"),
                        new AddedLine(3, "# by hand")), 0)), TREE);

        InitialAttribution attributed = calculator.forSession(new ClaudeCode().transcriptFormat(), transcript,
                CHECKPOINT, SESSION, NOW).orElseThrow();

        assertThat(attributed.prompts()).containsExactly("Write the greeter");
        AttributedFile file = attributed.files().get(0);
        assertThat(file.agent()).extracting(span -> span.start() + "-" + span.end()).containsExactly("1-1");
        assertThat(file.humanEdited()).extracting(span -> span.start() + "-" + span.end()).containsExactly("2-2");
    }
}
