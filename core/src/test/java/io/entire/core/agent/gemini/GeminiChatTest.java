package io.entire.core.agent.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.entire.core.agent.TranscriptAnalysis;
import io.entire.core.agent.TranscriptPosition;
import io.entire.core.agent.WorkTreePaths;
import io.entire.core.model.TokenUsage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiChatTest {
    private static final WorkTreePaths WORK_TREE = new WorkTreePaths(Recording.WORK_TREE);
    private static final String CONTEXT = "d04923d38bb0f6017037e74183378ef4";

    @Test
    void theFirstTurnReadsAsItsMessagesWithTheLastRecordOfARepeatedIdWinning() {
        GeminiChat chat = GeminiChat.read(Recording.CHAT_AFTER_TURN_ONE);

        assertThat(chat.sessionId()).contains(Recording.SESSION_ID);
        assertThat(chat.skippedLines()).isZero();
        assertThat(chat.messages()).extracting(GeminiMessage::id, GeminiMessage::type).containsExactly(
                tuple(CONTEXT, "user"), tuple("bac570b8-00eb-434c-b14b-3a1e04917985", "user"),
                tuple("48f69346-3994-45ba-838e-b1bc789cde0f", "gemini"),
                tuple("a3fa0b2b-1cba-4451-8ca2-85b034de2c08", "user"),
                tuple("8174aacc-ae3e-4aef-a4dd-b93f706b7002", "gemini"));
        assertThat(chat.messages().get(2).toolCalls()).as("the reply's second record, with its tool call, won")
                .singleElement().extracting(call -> call.member("name").stringValue()).isEqualTo("write_file");
    }

    @Test
    void theFirstTurnsPromptFileTokensAndModel() {
        TranscriptAnalysis analysis = analyze(GeminiChat.read(Recording.CHAT_AFTER_TURN_ONE), 0);

        assertThat(analysis.prompts()).containsExactly("Create hello.txt containing Hello");
        assertThat(analysis.filesTouched()).containsExactly("hello.txt");
        assertThat(analysis.tokenUsage()).isEqualTo(new TokenUsage(100 + 130, 0, 0, 20 + 5, 2));
        assertThat(analysis.model()).isEqualTo("gemini-2.5-pro");
        assertThat(analysis.end()).isEqualTo(new TranscriptPosition(TranscriptPosition.Unit.MESSAGE, 5));
    }

    @Test
    void afterAResumeTheIndexWhereTheFirstTurnEndedCutsExactlyTheSecondTurn() {
        GeminiChat chat = GeminiChat.read(Recording.CHAT);

        assertThat(chat.messages()).hasSize(9);
        assertThat(chat.messages()).extracting(GeminiMessage::id).doesNotContain(
                "48f69346-3994-45ba-838e-b1bc789cde0f_response");
        assertThat(chat.messagesFrom(5)).extracting(GeminiMessage::id).containsExactly(
                "31eab753-86c9-408f-b77e-07165b0a4e01", "fdfd6d35-5465-47ac-b10d-3fa6106a1a09",
                "c7d1d1e7-9e3a-4211-b8a4-112ec217ccdc", "0fd3f7a2-84fb-4ee5-b981-ab5baf9a2b79");

        TranscriptAnalysis secondTurn = analyze(chat, 5);
        assertThat(secondTurn.prompts()).containsExactly("Change Hello to Goodbye in hello.txt");
        assertThat(secondTurn.filesTouched()).containsExactly("hello.txt");
        assertThat(secondTurn.tokenUsage()).isEqualTo(new TokenUsage(200 + 240, 0, 50, 30 + 7, 2));
        assertThat(secondTurn.end().value()).isEqualTo(9);

        TranscriptAnalysis whole = analyze(chat, 0);
        assertThat(whole.prompts()).containsExactly("Create hello.txt containing Hello",
                "Change Hello to Goodbye in hello.txt");
        assertThat(whole.tokenUsage()).isEqualTo(new TokenUsage(670, 0, 50, 62, 4));
    }

    @Test
    void aResumeWithinTheSameMinuteStripsEarlierRepliesWhichKeepTheirTokensAndToolCalls() {
        GeminiChat chat = GeminiChat.read(Recording.CHAT_RESUMED_WITHIN_A_MINUTE);
        WorkTreePaths workTree = new WorkTreePaths(Recording.WORK_TREE_RESUMED_WITHIN_A_MINUTE);

        assertThat(chat.messages()).hasSize(9);
        assertThat(chat.messagesFrom(5)).extracting(GeminiMessage::id).containsExactly(
                "ae32c070-4cf8-4b38-a6e4-00648b40b81c", "4ac5c8e0-ca37-43aa-82bb-b0f30be319d7",
                "5858d8b9-b0e6-4ac2-af35-2c315efb5100", "b1b8d4fe-5154-420a-ac9d-e976bbbab9c3");
        TranscriptAnalysis whole = GeminiChatAnalyzer.analyze(chat, 0, workTree, chat.lineCount());
        assertThat(whole.prompts()).containsExactly("Create hello.txt containing Hello",
                "Change Hello to Goodbye in hello.txt");
        assertThat(whole.filesTouched()).containsExactly("hello.txt");
        assertThat(whole.tokenUsage()).isEqualTo(new TokenUsage(670, 0, 50, 62, 4));
        assertThat(GeminiChatAnalyzer.filesWritten(chat, 0, workTree)).containsExactly("hello.txt");
    }

    @Test
    void aCompressionLosesNoMessageAndItsSummaryAndCopiesAreNotTheSessions() {
        GeminiChat chat = GeminiChat.read(Recording.CHAT_COMPRESSED);
        WorkTreePaths workTree = new WorkTreePaths(Recording.WORK_TREE_COMPRESSED);

        assertThat(chat.messages()).extracting(GeminiMessage::type).containsExactly("user", "user", "gemini", "user",
                "gemini", "user", "gemini", "user", "gemini");
        assertThat(chat.messages()).extracting(GeminiMessage::text).noneMatch(text -> text.contains("state_snapshot"));
        TranscriptAnalysis whole = GeminiChatAnalyzer.analyze(chat, 0, workTree, chat.lineCount());
        assertThat(whole.prompts()).containsExactly("Create hello.txt containing Hello",
                "Change Hello to Goodbye in hello.txt");
        assertThat(whole.filesTouched()).containsExactly("hello.txt");
        assertThat(whole.tokenUsage()).isEqualTo(new TokenUsage(100 + 130 + 900_000 + 240, 0, 0, 20 + 5 + 30 + 7, 4));
        TranscriptAnalysis secondTurn = GeminiChatAnalyzer.analyze(chat, 5, workTree, chat.lineCount());
        assertThat(secondTurn.prompts()).containsExactly("Change Hello to Goodbye in hello.txt");
        assertThat(secondTurn.tokenUsage()).isEqualTo(new TokenUsage(900_000 + 240, 0, 0, 30 + 7, 2));
        assertThat(GeminiChatAnalyzer.filesWritten(chat, 5, workTree)).containsExactly("hello.txt");
    }

    @Test
    void theFileAResumedSessionStartNamesHoldsOnlyTheInjectedContext() {
        GeminiChat chat = GeminiChat.read(Recording.CHAT_OF_RESUME_START);

        assertThat(chat.sessionId()).contains(Recording.SESSION_ID);
        assertThat(chat.messages()).extracting(GeminiMessage::id).containsExactly(CONTEXT);
        assertThat(analyze(chat, 0).prompts()).isEmpty();
    }

    @Test
    void aRewindDropsTheNamedMessageAndAllAfterItAndBrokenLinesAreCounted() {
        GeminiChat chat = GeminiChat.parse(lines(
                "{\"sessionId\":\"s1\",\"projectHash\":\"h\"}",
                "{\"id\":\"a\",\"type\":\"user\",\"content\":[{\"text\":\"first\"}]}",
                "{\"id\":\"b\",\"type\":\"gemini\",\"content\":\"one\"}",
                "{\"id\":\"c\",\"type\":\"user\",\"content\":[{\"text\":\"second\"}]}",
                "{not json",
                "{\"$rewindTo\":\"b\"}",
                "{\"id\":\"d\",\"type\":\"user\",\"content\":\"again\"}"));

        assertThat(chat.messages()).extracting(GeminiMessage::id).containsExactly("a", "d");
        assertThat(chat.skippedLines()).isOne();
        assertThat(analyze(chat, 0).prompts()).containsExactly("first", "again");
    }

    @Test
    void aSingleJsonDocumentAsOlderVersionsWroteIsReadToo() {
        GeminiChat chat = GeminiChat.parse(("{\n  \"sessionId\": \"s2\",\n  \"projectHash\": \"h\",\n"
                + "  \"messages\": [\n    {\"id\": \"a\", \"type\": \"user\", \"content\": \"/help\"},\n"
                + "    {\"id\": \"b\", \"type\": \"user\", \"content\": [{\"text\": \"Fix it\"}]},\n"
                + "    {\"id\": \"c\", \"type\": \"gemini\", \"content\": \"Done\", \"model\": \"gemini-2.5-flash\","
                + " \"tokens\": {\"input\": 7, \"output\": 3, \"cached\": 2, \"thoughts\": 4, \"total\": 14},"
                + " \"toolCalls\": [{\"name\": \"replace\", \"args\": {\"file_path\": \"src/a.txt\"}}]}\n"
                + "  ]\n}\n").getBytes(StandardCharsets.UTF_8));

        TranscriptAnalysis analysis = analyze(chat, 0);
        assertThat(chat.sessionId()).contains("s2");
        assertThat(analysis.prompts()).as("a slash command is not a prompt").containsExactly("Fix it");
        assertThat(analysis.filesTouched()).containsExactly("src/a.txt");
        assertThat(analysis.tokenUsage()).isEqualTo(new TokenUsage(7, 0, 2, 3, 1));
        assertThat(analysis.model()).isEqualTo("gemini-2.5-flash");
    }

    private static TranscriptAnalysis analyze(GeminiChat chat, int startIndex) {
        return GeminiChatAnalyzer.analyze(chat, startIndex, WORK_TREE, chat.lineCount());
    }

    private static byte[] lines(String... lines) {
        return (String.join("\n", List.of(lines)) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
