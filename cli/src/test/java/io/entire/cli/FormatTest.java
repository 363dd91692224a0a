package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatTest {
    @Test
    void oneLineFoldsWhitespaceRunsAndCutsWithAnEllipsis() {
        assertThat(Format.oneLine("  Fix\tthe\n\n  retry   loop \r\n", 60)).isEqualTo("Fix the retry loop");
        assertThat(Format.oneLine("abcdef", 6)).isEqualTo("abcdef");
        assertThat(Format.oneLine("abcdefg", 6)).isEqualTo("abcde…");
        assertThat(Format.oneLine("abc    def", 6)).isEqualTo("abc d…");
        assertThat(Format.oneLine(" \n\t ", 10)).isEmpty();
        assertThat(Format.oneLine("abc def", 7)).isEqualTo("abc def");
        assertThat(Format.oneLine("abc def ", 7)).isEqualTo("abc def");
        assertThat(Format.oneLine("abcdef g", 7)).isEqualTo("abcdef…");
        assertThat(Format.oneLine("abcdef  g", 7)).isEqualTo("abcdef…");
        assertThat(Format.oneLine("abcde f", 6)).isEqualTo("abcde…");
        assertThat(Format.oneLine("abcdef \n", 6)).isEqualTo("abcdef");
        assertThat(Format.oneLine("abc\u2003def", 60)).isEqualTo("abc def");
        assertThat(Format.oneLine("abc\u00a0def …", 60)).isEqualTo("abc\u00a0def …");
        assertThat(Format.oneLine("a b c d e f g h", 8)).isEqualTo("a b c d…");
    }

    @Test
    void paddingWorksLikeFormatSpecifiers() {
        StringBuilder line = new StringBuilder();
        Format.padded(line, "ab", 4).append('|');
        Format.rightAligned(line, 7, 3).append('|');
        Format.padded(line, "toolong", 3).append('|');
        Format.rightAligned(line, 1234, 2);
        assertThat(line).hasToString(String.format("%-4s|%3d|%-3s|%2d", "ab", 7, "toolong", 1234));
    }
}
