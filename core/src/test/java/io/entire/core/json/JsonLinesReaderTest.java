package io.entire.core.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesReaderTest {
    @Test
    void splitsOnNewlinesAndKeepsEverythingElse() throws IOException {
        List<Line> lines = read(new ByteArrayInputStream("{\"a\":1}\r\n\n  \t\nlast".getBytes(UTF_8)));

        assertThat(lines).containsExactly(new Line("{\"a\":1}\r", true, false), new Line("", true, true),
                new Line("  \t", true, true), new Line("last", false, false));
    }

    @Test
    void containsLooksInTheCurrentLineOnly() throws IOException {
        JsonLinesReader reader = new JsonLinesReader(new ByteArrayInputStream(
                "\"tool_use\" at the start\nends with \"tool_use\"\n\"tool_use_id\"\ntool\n".getBytes(UTF_8)));
        byte[] needle = "\"tool_use\"".getBytes(UTF_8);
        List<Boolean> found = new ArrayList<>();
        while (reader.next()) {
            found.add(reader.contains(needle));
        }
        assertThat(found).containsExactly(true, true, false, false);
    }

    @Test
    void aLineLongerThanTheLimitFailsBeforeItIsBufferedAndNamesItsNumber() throws IOException {
        byte[] atLimit = "x".repeat(100_000).getBytes(UTF_8);
        byte[] input = ("a\n" + new String(atLimit, UTF_8) + "\n" + "y".repeat(300_000) + "\nb\n").getBytes(UTF_8);
        CountingStream counted = new CountingStream(new ByteArrayInputStream(input));
        JsonLinesReader reader = new JsonLinesReader(counted, atLimit.length);

        assertThat(reader.next()).isTrue();
        assertThat(reader.next()).isTrue();
        assertThat(reader.length()).as("a line of exactly the limit is fine").isEqualTo(atLimit.length);
        assertThatThrownBy(reader::next).isInstanceOfSatisfying(LineTooLongException.class, e -> {
            assertThat(e.lineNumber()).isEqualTo(3);
            assertThat(e.limit()).isEqualTo(atLimit.length);
            assertThat(e).hasMessage("line 3 is longer than 100000 bytes");
        });
        assertThat(reader.bytes().length).as("never buffered past the limit").isLessThanOrEqualTo(atLimit.length);
        assertThat(counted.read).as("stopped reading at the limit, not at the line's end")
                .isLessThan(2 + atLimit.length + 1 + 200_000);
    }

    @Test
    void anEmptyTailAfterTheLastNewlineIsNoLine() throws IOException {
        assertThat(read(new ByteArrayInputStream("a\nb\n".getBytes(UTF_8)))).extracting(Line::text)
                .containsExactly("a", "b");
        assertThat(read(new ByteArrayInputStream(new byte[0]))).isEmpty();
        assertThat(read(new ByteArrayInputStream("\n".getBytes(UTF_8)))).containsExactly(new Line("", true, true));
    }

    @Test
    void linesLongerThanTheReadBufferArriveWhole() throws IOException {
        String longLine = "x".repeat(200_000);
        String text = "short\n" + longLine + "\n" + longLine + "y";

        List<Line> lines = read(new ByteArrayInputStream(text.getBytes(UTF_8)));

        assertThat(lines).containsExactly(new Line("short", true, false), new Line(longLine, true, false),
                new Line(longLine + "y", false, false));
    }

    @Test
    void streamsThatReturnOneByteAtATimeSplitTheSame() throws IOException {
        String text = "{\"k\":\"é😀\"}\n\n{}\nend";
        InputStream trickle = new FilterInputStream(new ByteArrayInputStream(text.getBytes(UTF_8))) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return super.read(buffer, offset, Math.min(1, length));
            }
        };

        assertThat(read(trickle)).isEqualTo(read(new ByteArrayInputStream(text.getBytes(UTF_8))));
    }

    private static List<Line> read(InputStream in) throws IOException {
        JsonLinesReader reader = new JsonLinesReader(in);
        List<Line> lines = new ArrayList<>();
        while (reader.next()) {
            byte[] bytes = Arrays.copyOf(reader.bytes(), reader.length());
            lines.add(new Line(new String(bytes, UTF_8), reader.newlineTerminated(), reader.isBlank()));
        }
        return lines;
    }

    private record Line(String text, boolean newlineTerminated, boolean blank) {
    }

    /** Counts the bytes the reader took from the stream. */
    private static final class CountingStream extends FilterInputStream {
        long read;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int count = super.read(buffer, offset, length);
            read += Math.max(0, count);
            return count;
        }
    }
}
