package io.entire.core.capture;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.agent.Agents;
import io.entire.core.agent.LineMark;
import io.entire.core.agent.TranscriptFormat;
import io.entire.core.git.ObjectId;
import io.entire.core.id.SessionId;
import io.entire.core.session.SessionState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files a turn under way wrote, which prepare-commit-msg asks of every live session at each commit, are read from
 * the mark where the turn began: a commit during a turn of a long session reads that turn, not the whole transcript.
 */
class SessionFilesTest {
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private static final TranscriptFormat CLAUDE_CODE = Agents.bySlug("claude-code").transcriptFormat();

    @TempDir
    Path temp;

    @Test
    void aTurnsFilesUnderWayAreReadFromTheMarkWhereTheTurnBegan() throws IOException {
        Path workTree = Files.createDirectories(temp.resolve("work"));
        Path transcript = temp.resolve("transcript.jsonl");
        String prompt = prompt("Write before.txt");
        Files.writeString(transcript, prompt + "\n" + write(workTree, "before.txt") + "\n" + prompt("Now more") + "\n");
        LineMark mark = CLAUDE_CODE.endMarked(transcript).mark().orElseThrow();
        // The first line's newline turned into a space: counted from the first byte, the file has one line fewer
        // before the turn, and the turn's first line would pass for one before it.
        byte[] bytes = Files.readAllBytes(transcript);
        bytes[prompt.getBytes(UTF_8).length] = ' ';
        Files.write(transcript, bytes);
        Files.writeString(transcript, write(workTree, "turn.txt") + "\n" + write(workTree, "later.txt") + "\n",
                StandardOpenOption.APPEND);
        SessionState state = SessionState.start(SessionId.of("5f1e0c2a-7b3d-4e8f-9a10-b2c3d4e5f601"),
                        Agents.bySlug("claude-code"), workTree, "", ObjectId.of("0".repeat(40)), Optional.empty(),
                        List.of(), NOW)
                .startTurn(Optional.of("Now more"), mark.lines(), Optional.of(transcript), NOW).withTurnMark(mark);

        assertThat(SessionFiles.inFlight(state, workTree)).containsExactlyInAnyOrder("turn.txt", "later.txt");
    }

    private static String prompt(String text) {
        return "{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"" + text + "\"},"
                + "\"timestamp\":\"2026-12-05T12:00:00.000Z\"}";
    }

    private static String write(Path workTree, String file) {
        return "{\"type\":\"assistant\",\"message\":{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\","
                + "\"id\":\"toolu_" + file.hashCode() + "\",\"name\":\"Write\",\"input\":{\"file_path\":\""
                + workTree.resolve(file) + "\",\"content\":\"x\\n\"}}]},\"timestamp\":\"2026-12-05T12:00:01.000Z\"}";
    }
}
