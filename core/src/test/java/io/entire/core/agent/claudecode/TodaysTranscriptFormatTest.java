package io.entire.core.agent.claudecode;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.agent.LifecycleEvent;
import io.entire.core.agent.TranscriptAnalysis;
import io.entire.core.json.JsonReader;
import io.entire.core.model.TokenUsage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Transcripts as Claude Code 2.1.332 writes them (captured from the end-to-end tests' runs against the scripted
 * model, long system texts scrubbed): besides user and assistant lines they hold {@code queue-operation},
 * {@code attachment}, {@code api-request*}, {@code atis-latch}, {@code tools-used}, {@code last-prompt},
 * {@code cost-state} and {@code system} records, and usage with today's fields.
 */
class TodaysTranscriptFormatTest {
    private static final Path REPO = Path.of("/home/user/project");
    private static final Path WRITE_AND_EDIT = resource("write-and-edit.jsonl");
    private static final Path BACKGROUND_AGENT = resource("background-agent.jsonl");

    @Test
    void aTurnThatWritesAndEditsIsReadAmongTodaysOtherRecords() {
        TranscriptAnalysis analysis = ClaudeTranscript.analyze(WRITE_AND_EDIT, 0, REPO);

        assertThat(analysis.prompts()).containsExactly("Add a greeting file and fix the typo in README.md");
        assertThat(analysis.filesTouched()).containsExactly("README.md", "greeting.txt");
        // The scripted model's three replies; the Write and the Read are two lines of one streamed message.
        assertThat(analysis.tokenUsage()).isEqualTo(new TokenUsage(36, 270, 440, 63, 3));
        assertThat(analysis.model()).isEqualTo("claude-opus-5-5");
        assertThat(analysis.lineCount()).isEqualTo(42);
        assertThat(analysis.skippedLines()).isZero();
        assertThat(ClaudeTranscript.filesWritten(WRITE_AND_EDIT, 0, REPO)).isEqualTo(analysis.filesTouched());
    }

    @Test
    void theTurnABackgroundAgentsNotificationStartsHasNoUserPrompt() {
        TranscriptAnalysis analysis = ClaudeTranscript.analyze(BACKGROUND_AGENT, 0, REPO);

        assertThat(analysis.prompts()).containsExactly("Have a background agent fix the README typo");
        assertThat(analysis.tokenUsage()).isEqualTo(new TokenUsage(125, 460, 830, 68, 3));
        assertThat(analysis.lineCount()).isEqualTo(43);
        assertThat(analysis.skippedLines()).isZero();
    }

    @Test
    void aTurnClaudeCodeStartedItselfIsNoPromptWhateverItsText() throws IOException {
        // The notification line of the capture, its text no longer starting with the tag: what marks it is
        // promptSource "system" and turnOrigin "task_notification".
        String notification = Files.readAllLines(BACKGROUND_AGENT).get(36);
        assertThat(notification).contains("\"promptSource\":\"system\"", "\"turnOrigin\":\"task_notification\"");
        String retold = notification.replaceFirst("\"content\":\"<task-notification>",
                "\"content\":\"Agent finished: <task-notification>");
        String onlyOrigin = retold.replace("\"promptSource\":\"system\",", "");
        String onlySource = retold.replace("\"turnOrigin\":\"task_notification\",", "");

        for (String line : List.of(retold, onlyOrigin, onlySource)) {
            assertThat(line).isNotEqualTo(notification);
            assertThat(analyze(line).prompts()).as(line).isEmpty();
        }
    }

    @Test
    void aNotificationInTheHookPayloadIsNoPrompt() {
        LifecycleEvent payload = new ClaudeCode().parseHook("user-prompt-submit", ("{\"session_id\":"
                + "\"f9a977e8-bfa1-47af-89b1-5f786039f3aa\","
                + "\"hook_event_name\":\"UserPromptSubmit\",\"prompt\":\"<task-notification>\\n<task-id>"
                + "a63d722798a63b2f1</task-id>\\n<status>completed</status>\\n</task-notification>\"}")
                .getBytes(UTF_8));

        assertThat(payload.prompt()).isEmpty();
    }

    @Test
    void theCacheWriteIsReadFromItsSplitWhenTheTotalIsMissing() {
        String split = assistant("msg_1", "\"input_tokens\":5,\"cache_creation\":{\"ephemeral_5m_input_tokens\":30,"
                + "\"ephemeral_1h_input_tokens\":12},\"cache_read_input_tokens\":7,\"output_tokens\":9");
        String both = assistant("msg_2", "\"input_tokens\":1,\"cache_creation_input_tokens\":40,\"cache_creation\":"
                + "{\"ephemeral_5m_input_tokens\":25,\"ephemeral_1h_input_tokens\":15},\"output_tokens\":2");
        String old = assistant("msg_3", "\"input_tokens\":3,\"cache_creation_input_tokens\":8,\"output_tokens\":4");

        assertThat(analyze(split, both, old).tokenUsage()).isEqualTo(new TokenUsage(9, 90, 7, 15, 3));
    }

    @Test
    void thinkingTokensAreCountedOnceAsPartOfTheOutput() {
        String line = assistant("msg_1", "\"input_tokens\":5,\"output_tokens\":50,"
                + "\"output_tokens_details\":{\"thinking_tokens\":20}");

        assertThat(analyze(line).tokenUsage()).isEqualTo(new TokenUsage(5, 0, 0, 50, 1));
    }

    @Test
    void todaysRecordsAreDroppedFromTheCompactTranscriptWithoutBreakingIt() throws IOException {
        ByteArrayOutputStream compact = new ByteArrayOutputStream();
        try (InputStream raw = Files.newInputStream(WRITE_AND_EDIT)) {
            CompactTranscript.write(raw, 0, compact, "test");
        }

        // Tool results join their calls; the Write and the Read are one message.
        assertThat(compact.toString(UTF_8).lines().map(line -> new JsonReader().parseObject(line.getBytes(UTF_8))
                .member("type").stringValue())).containsExactly("user", "assistant", "assistant", "assistant");
    }

    private static TranscriptAnalysis analyze(String... lines) {
        byte[] transcript = (String.join("\n", lines) + "\n").getBytes(UTF_8);
        return ClaudeTranscript.analyze(new ByteArrayInputStream(transcript), 0, REPO);
    }

    private static String assistant(String id, String usage) {
        return "{\"type\":\"assistant\",\"message\":{\"id\":\"" + id + "\",\"role\":\"assistant\",\"model\":"
                + "\"claude-opus-5-5\",\"content\":[{\"type\":\"text\",\"text\":\"Done.\"}],\"usage\":{" + usage
                + "}}}";
    }

    private static Path resource(String name) {
        return Path.of("src", "test", "resources", "claude-code-2.1.332", name).toAbsolutePath();
    }
}
