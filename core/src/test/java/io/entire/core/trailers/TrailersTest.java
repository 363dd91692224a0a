package io.entire.core.trailers;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.id.CheckpointId;
import io.entire.core.testing.PieceText;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TrailersTest {
    /** The trailer as a regular expression defines it; the hooks read it by hand (see {@link MessageLines}). */
    private static final Pattern CHECKPOINT_LINE = Pattern.compile("^[ \\t]*Entire-Checkpoint:[ \\t]*"
            + "([0-9a-f]{12}|[0-9ABCDEFGHJKMNPQRSTVWXYZ]{26})[ \\t]*$", Pattern.MULTILINE);
    private static final Pattern TRAILER_LINE =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*:\\s.*|[A-Za-z0-9][A-Za-z0-9-]*:");
    private static final List<String> PIECES = List.of("Entire-Checkpoint:", "Entire-Checkpoint: ",
            "entire-checkpoint: ", "Entire-Checkpoint", "a1b2c3d4e5f6", "A1B2C3D4E5F6", "a1b2c3d4e5f", "a1b2c3d4e5f67",
            "01J9Z8Y7X6W5V4T3S2R1Q0P9N8", "01J9Z8Y7X6W5V4T3S2R1Q0P9NU", "81J9Z8Y7X6W5V4T3S2R1Q0P9N8", " ", "  ", "\t",
            "\n", "\r\n", "\r", "\u2028", "\u0085", "\f", "\u000B", "x", "Signed-off-by: A <a@b>", "Key:",
            "-bad: x", "9:", ":", "Fix the bug", "#", "# comment", "é");

    @Test
    void findsTheIdsTheExpressionFinds() {
        PieceText messages = new PieceText(26, PIECES, 12);
        for (int i = 0; i < 20_000; i++) {
            String message = messages.next();
            assertThat(Trailers.checkpointIds(message)).as("ids in %s", printable(message))
                    .isEqualTo(byExpression(message));
        }
    }

    @Test
    void tellsTrailerLinesAsTheExpressionDoes() {
        PieceText lines = new PieceText(27, PIECES, 12);
        for (int i = 0; i < 20_000; i++) {
            String line = lines.next().replace("\n", "");
            assertThat(Trailers.isTrailerLine(line)).as("a trailer line: %s", printable(line))
                    .isEqualTo(TRAILER_LINE.matcher(line).matches());
        }
    }

    @Test
    void readsTrailersInEveryLineEnding() {
        CheckpointId id = CheckpointId.of("a1b2c3d4e5f6");
        assertThat(Trailers.checkpointIds("Fix\r\n\r\nEntire-Checkpoint: a1b2c3d4e5f6\r\n")).containsExactly(id);
        assertThat(Trailers.checkpointIds("Squash\n\n    Entire-Checkpoint:\ta1b2c3d4e5f6 \t")).containsExactly(id);
        assertThat(Trailers.checkpointIds("Entire-Checkpoint: a1b2c3d4e5f6 and more")).isEmpty();
        assertThat(Trailers.withCheckpoint("Fix\n\nSigned-off-by: A <a@b>\n", id))
                .isEqualTo("Fix\n\nSigned-off-by: A <a@b>\nEntire-Checkpoint: a1b2c3d4e5f6\n");
    }

    private static List<CheckpointId> byExpression(String message) {
        Set<CheckpointId> ids = new LinkedHashSet<>();
        Matcher matcher = CHECKPOINT_LINE.matcher(message);
        while (matcher.find()) {
            CheckpointId.parse(matcher.group(1)).ifPresent(ids::add);
        }
        return new ArrayList<>(ids);
    }

    private static String printable(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t").replace("\u2028", "\\u2028")
                .replace("\u0085", "\\u0085").replace("\f", "\\f").replace("\u000B", "\\v");
    }
}
