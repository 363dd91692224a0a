package io.entire.core.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.agent.Agents;
import io.entire.core.agent.TranscriptFormat;
import io.entire.core.json.JsonLineSink;
import io.entire.core.testing.TestRepository;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real transcripts of each built-in agent, made compact by the agent's own format as a checkpoint stores them, read
 * back as turns.
 */
class ConversationReaderTest {
    private static final Path AGENTS = TestRepository.FIXTURES.resolve("agents");

    @Test
    void aClaudeCodeSessionReadsAsItsPromptRepliesAndToolCallsWithTheirFiles() throws IOException {
        List<ConversationTurn> turns = read("claude-code",
                TestRepository.FIXTURES.resolve("claude-code/75c838dd-10e3-40cf-8df3-17f9955149f8.jsonl"));

        assertThat(turns).isNotEmpty();
        ConversationTurn first = turns.get(0);
        assertThat(first.prompt()).startsWith("Replace the custom string contains implementation");
        assertThat(first.steps()).contains(new ConversationTurn.ToolCall("Edit",
                List.of("/Users/paul/src/entireio/20260205-cli/cmd/entire/cli/settings/settings_test.go"), false));
        assertThat(first.steps()).anySatisfy(step -> assertThat(step).isInstanceOfSatisfying(
                ConversationTurn.Reply.class, reply -> assertThat(reply.text()).startsWith("Done. Replaced")));
    }

    @Test
    void aCodexRolloutReadsAsTwoTurnsAndItsPatchesNameTheirFiles() throws IOException {
        List<ConversationTurn> turns = read("codex",
                AGENTS.resolve("codex/rollout-2026-12-04T21-22-05-01a242ef-8f49-7880-9740-3cf34e06dc87.jsonl"));

        assertThat(turns).extracting(ConversationTurn::prompt).satisfiesExactly(
                prompt -> assertThat(prompt).startsWith("Add a gree"),
                prompt -> assertThat(prompt).startsWith("Fix the ty"));
        assertThat(turns.get(0).steps()).containsExactly(
                new ConversationTurn.ToolCall("exec_command", List.of("greeting.txt"), false),
                new ConversationTurn.Reply("Added greeting.txt."));
        assertThat(turns.get(1).steps()).containsExactly(
                new ConversationTurn.ToolCall("exec_command", List.of("README.md"), false),
                new ConversationTurn.Reply("Fixed the typo."));
    }

    @Test
    void aGeminiChatReadsAsItsTwoTurnsWithTheFileEachToolChanged() throws IOException {
        List<ConversationTurn> turns = read("gemini",
                AGENTS.resolve("gemini/chats/session-2026-12-04T21-21-179019dc.jsonl"));

        assertThat(turns).hasSize(2);
        assertThat(turns).flatExtracting(ConversationTurn::steps)
                .filteredOn(ConversationTurn.ToolCall.class::isInstance)
                .extracting(step -> ((ConversationTurn.ToolCall) step).files())
                .containsOnly(List.of("/tmp/gem/run1/repo/hello.txt"));
    }

    private static List<ConversationTurn> read(String agent, Path transcript) throws IOException {
        TranscriptFormat format = Agents.bySlug(agent).transcriptFormat();
        ConversationReader reader = new ConversationReader(format::toolCallFiles);
        try (InputStream raw = Files.newInputStream(transcript); JsonLineSink sink = reader.sink()) {
            format.writeCompact(raw, sink, "test");
        }
        return reader.turns();
    }
}
