package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What reaches the hook log from outside (file names, payload fields) cannot add lines or terminal controls. */
class HookLogTest {
    @TempDir
    Path temp;

    @Test
    void controlCharactersInAMessageAreEscapedSoEachEventIsOneLine() throws IOException {
        StringWriter err = new StringWriter();
        HookLog log = HookLog.of(Optional.of(temp), new PrintWriter(err));

        log.record("claude-code stop", "step 1: [a\nb, c\r\u001b[31md\u2028e\u0085f\tg]");

        String written = Files.readString(temp.resolve(".entire/logs/entire.log"));
        assertThat(written.lines()).singleElement().asString()
                .contains("\"component\":\"claude-code stop\"")
                .endsWith("\"message\":\"step 1: [a\\nb, c\\r\\u001b[31md\\u2028e\\u0085f\\tg]\"}");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void withoutAWritableLogTheEscapedLineGoesToStderrAsOneLine() throws IOException {
        Files.createDirectories(temp.resolve(".entire"));
        Files.createSymbolicLink(temp.resolve(".entire/logs"), Files.createDirectories(temp.resolve("elsewhere")));
        StringWriter err = new StringWriter();

        HookLog.of(Optional.of(temp), new PrintWriter(err)).record("git post-commit", "file x\ny");

        assertThat(err.toString().lines()).singleElement().asString().startsWith("entire: ")
                .contains("git post-commit: file x\\ny", "symbolic link");
        assertThat(temp.resolve("elsewhere")).isEmptyDirectory();
    }
}
