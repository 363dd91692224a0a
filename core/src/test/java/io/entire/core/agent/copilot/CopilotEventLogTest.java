package io.entire.core.agent.copilot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entire.core.EntireException;
import io.entire.core.agent.TranscriptAnalysis;
import io.entire.core.agent.TranscriptPosition;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.model.TokenUsage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopilotEventLogTest {
    private final CopilotTranscriptFormat format = new CopilotTranscriptFormat();

    @TempDir
    Path temp;

    @Test
    void theFirstRunIsItsLinesWithItsPromptFileTokensAndModel() throws IOException {
        TranscriptAnalysis first = CopilotEventLog.analyze(firstRun(), 0, Recording.REPO);

        assertThat(first.prompts()).containsExactly("Add a greeting file");
        assertThat(first.filesTouched()).containsExactly("greeting.txt");
        // two calls: 1200 in (1000 cached) and 40 out, then 1300 in (1200 cached) and 8 out
        assertThat(first.tokenUsage()).isEqualTo(new TokenUsage(300, 0, 2200, 48, 2));
        assertThat(first.model()).isEqualTo("gpt-5.1");
        assertThat(first.turnCount()).isEqualTo(1);
        assertThat(first.end()).isEqualTo(new TranscriptPosition(TranscriptPosition.Unit.LINE, Recording.FIRST_RUN));
        assertThat(first.skippedLines()).isZero();
        assertThat(first.sessionIdInTranscript()).contains(Recording.SESSION_ID);
        assertThat(first.firstTimestamp()).contains("2026-12-05T00:34:59.923Z");
    }

    @Test
    void theResumedRunIsThePartAfterTheFirst() {
        TranscriptAnalysis resumed = format.analyze(Recording.EVENTS, format.position(Recording.FIRST_RUN),
                Recording.REPO);

        assertThat(resumed.prompts()).containsExactly("Fix the typo in README.md");
        assertThat(resumed.filesTouched()).containsExactly("README.md");
        assertThat(resumed.tokenUsage()).isEqualTo(new TokenUsage(300, 0, 2800, 36, 2));
        assertThat(resumed.model()).isEqualTo("gpt-5.1");
        assertThat(resumed.turnCount()).isEqualTo(1);
        assertThat(resumed.lineCount()).isEqualTo(Recording.END);
        assertThat(resumed.sessionIdInTranscript()).isEmpty();
        assertThat(format.filesWritten(Recording.EVENTS, format.position(Recording.FIRST_RUN), Recording.REPO))
                .containsExactly("README.md");
        assertThat(format.end(Recording.EVENTS).value()).isEqualTo(Recording.END);
    }

    @Test
    void aMalformedLineIsSkippedAndCounted() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(Recording.EVENTS, StandardCharsets.UTF_8));
        lines.add(3, "{\"type\": broken");
        Path edited = Files.write(temp.resolve("events.jsonl"), lines, StandardCharsets.UTF_8);

        TranscriptAnalysis whole = CopilotEventLog.analyze(edited, 0, Recording.REPO);

        assertThat(whole.skippedLines()).isEqualTo(1);
        assertThat(whole.prompts()).containsExactly("Add a greeting file", "Fix the typo in README.md");
        assertThat(whole.filesTouched()).containsExactly("greeting.txt", "README.md");
        assertThat(whole.tokenUsage()).isEqualTo(new TokenUsage(600, 0, 5000, 84, 4));
    }

    @Test
    void aLogShorterThanThePartAlreadyRecordedIsAnError() throws IOException {
        Path cut = firstRun();

        assertThatThrownBy(() -> CopilotEventLog.analyze(cut, Recording.END, Recording.REPO))
                .isInstanceOf(EntireException.class).hasMessageContaining(cut.toString())
                .hasMessageContaining("fewer than the 59 already recorded");
    }

    @Test
    void theCompactTranscriptOfThePartHoldsThePromptTheCallWithItsResultAndTheReply() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var pass = format.startPass(format.position(Recording.FIRST_RUN), Recording.REPO, out, "0.9.0");
        long lineNumber = 0;
        for (String line : Files.readAllLines(Recording.EVENTS, StandardCharsets.UTF_8)) {
            lineNumber++;
            if (pass.wants(lineNumber)) {
                pass.accept(new JsonReader().parse(line.getBytes(StandardCharsets.UTF_8)), lineNumber);
            }
        }
        TranscriptAnalysis analysis = pass.finish(lineNumber);

        List<JsonObject> compact = out.toString(StandardCharsets.UTF_8).lines()
                .map(line -> new JsonReader().parseObject(line.getBytes(StandardCharsets.UTF_8))).toList();
        assertThat(analysis.prompts()).containsExactly("Fix the typo in README.md");
        assertThat(compact).extracting(line -> line.member("type").stringValue())
                .containsExactly("user", "assistant", "assistant");
        assertThat(compact.get(0).member("content").elements().get(0).member("text").stringValue())
                .isEqualTo("Fix the typo in README.md");
        JsonObject call = (JsonObject) compact.get(1).member("content").elements().get(0);
        assertThat(call.member("name").stringValue()).isEqualTo("edit");
        assertThat(call.member("input").member("old_str").stringValue()).isEqualTo("Helo");
        assertThat(call.member("result").member("status").stringValue()).isEqualTo("success");
        assertThat(compact.get(1).findLong("input_tokens")).contains(200L);
        assertThat(compact.get(1).findLong("output_tokens")).contains(30L);
        assertThat(compact.get(1).findString("agent")).contains("copilot-cli");
        assertThat(compact.get(2).member("content").elements().get(0).member("text").stringValue())
                .isEqualTo("Fixed the typo.");
        try (InputStream whole = Files.newInputStream(Recording.EVENTS)) {
            assertThat(format.writeCompact(whole, new ByteArrayOutputStream(), "0.9.0")).isEqualTo(6);
        }
    }

    private Path firstRun() throws IOException {
        List<String> lines = Files.readAllLines(Recording.EVENTS, StandardCharsets.UTF_8);
        return Files.write(temp.resolve("first.jsonl"), lines.subList(0, (int) Recording.FIRST_RUN),
                StandardCharsets.UTF_8);
    }
}
