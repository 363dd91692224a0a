package io.entire.core.agent.codex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entire.core.model.TokenUsage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodexRolloutTest {
    @TempDir
    Path temp;

    @Test
    void theFirstTurnEndsWhereItsStopHookSawTheRollout() {
        RolloutAnalysis first = CodexRollout.analyze(Recording.ROLLOUT, 0, Recording.REPO);

        RolloutAnalysis turn = CodexRollout.analyze(cut(Recording.FIRST_STOP_BYTES), 0, Recording.REPO);

        assertThat(first.lineCount()).isEqualTo(Recording.END);
        assertThat(turn.prompts()).containsExactly("Add a greeting file");
        assertThat(turn.filesTouched()).containsExactly("greeting.txt");
        // two responses: 1200 in (1000 cached) and 40 out, then 1300 in (1200 cached) and 8 out
        assertThat(turn.tokenUsage()).isEqualTo(new TokenUsage(300, 0, 2200, 48, 2));
        assertThat(turn.model()).contains("gpt-5.1-codex");
        assertThat(turn.turnCount()).isEqualTo(1);
        assertThat(turn.startLine()).isZero();
        assertThat(turn.lineCount()).isEqualTo(Recording.FIRST_STOP);
        assertThat(turn.skippedLines()).isZero();
        assertThat(turn.sessionIdInRollout()).contains(Recording.SESSION_ID);
    }

    @Test
    void theResumedTurnIsThePartAfterTheFirstStop() {
        RolloutAnalysis resumed = CodexRollout.analyze(Recording.ROLLOUT, Recording.FIRST_STOP, Recording.REPO);

        assertThat(resumed.prompts()).containsExactly("Fix the typo in README.md");
        assertThat(resumed.filesTouched()).containsExactly("README.md");
        assertThat(resumed.tokenUsage()).isEqualTo(new TokenUsage(300, 0, 2800, 36, 2));
        assertThat(resumed.model()).contains("gpt-5.1-codex");
        assertThat(resumed.turnCount()).isEqualTo(1);
        assertThat(resumed.startLine()).isEqualTo(Recording.FIRST_STOP);
        assertThat(resumed.lineCount()).isEqualTo(Recording.END);
        assertThat(resumed.sessionIdInRollout()).isEmpty();
        assertThat(resumed.firstTimestamp()).contains("2026-12-04T21:22:06.906Z");
        assertThat(resumed.lastTimestamp()).contains("2026-12-04T21:22:09.274Z");
    }

    @Test
    void theWholeSessionHasBothPromptsFilesAndEveryResponse() {
        RolloutAnalysis whole = CodexRollout.analyze(Recording.ROLLOUT, 0, Recording.REPO);

        assertThat(whole.prompts()).containsExactly("Add a greeting file", "Fix the typo in README.md");
        assertThat(whole.filesTouched()).containsExactly("greeting.txt", "README.md");
        assertThat(whole.tokenUsage()).isEqualTo(new TokenUsage(600, 0, 5000, 84, 4));
        assertThat(whole.turnCount()).isEqualTo(2);
        assertThat(whole.lineCount()).isEqualTo(34);
    }

    @Test
    void aRepeatedTokenCountIsCountedOnceAndAMalformedLineIsSkipped() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(cut(Recording.FIRST_STOP_BYTES), StandardCharsets.UTF_8));
        String tokenCount = lines.stream().filter(line -> line.contains("\"type\":\"token_count\"")).findFirst()
                .orElseThrow();
        lines.add(lines.indexOf(tokenCount) + 1, tokenCount);
        lines.add(3, "{\"timestamp\": broken");
        Path edited = temp.resolve("edited.jsonl");
        Files.write(edited, lines, StandardCharsets.UTF_8);

        RolloutAnalysis part = CodexRollout.analyze(edited, 0, Recording.REPO);

        assertThat(part.tokenUsage()).isEqualTo(new TokenUsage(300, 0, 2200, 48, 2));
        assertThat(part.skippedLines()).isEqualTo(1);
        assertThat(part.lineCount()).isEqualTo(20);
    }

    @Test
    void filesOutsideTheWorkTreeAreLeftOut() {
        RolloutAnalysis elsewhere = CodexRollout.analyze(Recording.ROLLOUT, 0, Path.of("/tmp/cx/other"));

        assertThat(elsewhere.filesTouched()).isEmpty();
        assertThat(elsewhere.prompts()).hasSize(2);
    }

    @Test
    void filesNamedByTheRealPathCountWhenTheWorkTreeIsReachedThroughALink() throws IOException {
        Path real = Files.createDirectories(temp.resolve("real/repo"));
        Path linked = Files.createSymbolicLink(temp.resolve("linked"), real.getParent()).resolve("repo");
        Path rollout = temp.resolve("linked.jsonl");
        Files.writeString(rollout, "{\"type\":\"event_msg\",\"payload\":{\"type\":\"item_completed\",\"item\":"
                + "{\"type\":\"FileChange\",\"changes\":{\"" + real.toRealPath().resolve("a.txt")
                + "\":{\"type\":\"add\"}}}}}\n");

        assertThat(CodexRollout.analyze(rollout, 0, linked).filesTouched()).containsExactly("a.txt");
    }

    @Test
    void aStartPastTheEndIsAnErrorNamingTheRollout() {
        assertThatThrownBy(() -> CodexRollout.analyze(Recording.ROLLOUT, Recording.END + 1, Recording.REPO))
                .hasMessageContaining("fewer than the").isInstanceOfSatisfying(CodexRolloutException.class,
                        error -> assertThat(error.rollout()).isEqualTo(Recording.ROLLOUT));
    }

    @Test
    void theOlderApplyPatchToolCallNamesItsFiles() throws IOException {
        Path older = temp.resolve("older.jsonl");
        Files.writeString(older, "{\"type\":\"turn_context\",\"payload\":{\"cwd\":\"/tmp/cx/repo/src\","
                + "\"model\":\"gpt-5-codex\"}}\n"
                + "{\"type\":\"event_msg\",\"payload\":{\"type\":\"user_message\",\"message\":\"Rename it\"}}\n"
                + "{\"type\":\"response_item\",\"payload\":{\"type\":\"custom_tool_call\",\"name\":\"apply_patch\","
                + "\"input\":\"*** Begin Patch\\n*** Update File: a.txt\\n*** Move to: b.txt\\n@@\\n-x\\n+y\\n"
                + "*** Delete File: ../c.txt\\n*** End Patch\"}}\n");

        RolloutAnalysis part = CodexRollout.analyze(older, 0, Recording.REPO);

        assertThat(part.prompts()).containsExactly("Rename it");
        assertThat(part.filesTouched()).containsExactly("src/a.txt", "src/b.txt", "c.txt");
        assertThat(part.model()).isEqualTo(Optional.of("gpt-5-codex"));
    }

    private Path cut(long size) {
        try {
            Path part = temp.resolve("cut-" + size + ".jsonl");
            Files.write(part, Arrays.copyOf(Files.readAllBytes(Recording.ROLLOUT), (int) size));
            return part;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
