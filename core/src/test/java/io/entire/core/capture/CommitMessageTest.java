package io.entire.core.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.testing.PieceText;
import io.entire.core.trailers.Trailers;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CommitMessageTest {
    /** Git's scissors line as a regular expression defines it; the hooks find it by hand. */
    private static final Pattern SCISSORS = Pattern.compile("(?m)^# -+ >8 -+$");
    private static final List<String> PIECES = List.of("# ", "#", "-", "---", " >8 ", ">8", " ", "\n", "\r\n", "\r",
            "\u2028", "Entire-Checkpoint: a1b2c3d4e5f6", "Entire-Checkpoint: 0a1b2c3d4e5f", "diff --git", "x");

    @Test
    void readsTheTrailersAboveTheScissorsLineTheExpressionFinds() {
        PieceText messages = new PieceText(8, PIECES, 14);
        for (int i = 0; i < 20_000; i++) {
            String message = messages.next();
            Matcher scissors = SCISSORS.matcher(message);
            String body = scissors.find() ? message.substring(0, scissors.start()) : message;
            assertThat(CommitMessage.parse(message).checkpointIds()).as("ids above the scissors in %s",
                    message.replace("\r", "\\r").replace("\n", "\\n")).isEqualTo(Trailers.checkpointIds(body));
        }
    }

    @Test
    void leavesWhatFollowsTheScissorsLineAsItIs() {
        String cut = "# ------------------------ >8 ------------------------\nEntire-Checkpoint: a1b2c3d4e5f6\n";
        assertThat(CommitMessage.parse("Fix\n" + cut).withoutCheckpoint()).isEqualTo("Fix\n" + cut);
        assertThat(CommitMessage.parse("Fix\n" + cut).checkpointIds()).isEmpty();
    }
}
