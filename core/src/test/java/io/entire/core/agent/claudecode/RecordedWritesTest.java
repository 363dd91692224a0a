package io.entire.core.agent.claudecode;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.agent.RecordedWrite;
import io.entire.core.json.JsonLineSink;
import io.entire.core.redact.Redactor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The writes a transcript records, each with the prompt it answered, whatever lies between: tool results (which the
 * reader does not parse), a prompt re-serialized by redaction, a slash command, a meta line.
 */
class RecordedWritesTest {
    @Test
    void eachWriteComesWithThePromptBeforeIt() {
        String transcript = String.join("\n",
                "{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"Write the lexer\"}}",
                "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\","
                        + "\"name\":\"Write\",\"input\":{\"file_path\":\"/repo/lexer.go\","
                        + "\"content\":\"package lex\\n\"}}]}}",
                "{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\","
                        + "\"tool_use_id\":\"toolu_1\",\"content\":\"Wrote it\"}]}}",
                "{\"type\":\"user\",\"isMeta\":true,\"message\":{\"role\":\"user\",\"content\":\"Caveat\"}}",
                "{\"type\":\"user\",\"message\":{\"role\":\"user\","
                        + "\"content\":\"<command-name>/clear</command-name>\"}}",
                "{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"Use key ghp_"
                        + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8 in the parser\"}}",
                "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"Sure\"},"
                        + "{\"type\":\"tool_use\",\"id\":\"toolu_2\",\"name\":\"Edit\",\"input\":{\"file_path\":"
                        + "\"/repo/parser.go\",\"old_string\":\"a\",\"new_string\":\"b\"}},{\"type\":\"tool_use\","
                        + "\"id\":\"toolu_3\",\"name\":\"MultiEdit\",\"input\":{\"file_path\":\"/repo/lexer.go\","
                        + "\"edits\":[{\"old_string\":\"x\",\"new_string\":\"y\"}]}}]}}",
                "{not json") + "\n";
        ByteArrayOutputStream redacted = new ByteArrayOutputStream();
        new Redactor().redactJsonl(new ByteArrayInputStream(transcript.getBytes(UTF_8)), redacted);

        List<RecordedWrite> writes = new ArrayList<>();
        try (JsonLineSink sink = RecordedWrites.sink(writes::add)) {
            sink.write(redacted.toByteArray(), 0, redacted.size());
        }

        Optional<String> second = Optional.of("Use key REDACTED in the parser");
        assertThat(writes).containsExactly(
                new RecordedWrite("/repo/lexer.go", "package lex\n", Optional.of("Write the lexer")),
                new RecordedWrite("/repo/parser.go", "b", second),
                new RecordedWrite("/repo/lexer.go", "y", second));
    }
}
