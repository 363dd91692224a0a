package io.entire.core.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class GitDateTest {
    @Test
    void theRawFormReadsBackAsGitWritesIt() {
        assertThat(GitDate.parseRaw("1771171715 +0530")).isEqualTo(new GitDate(1771171715, 330));
        assertThat(GitDate.parseRaw("1771171715 -0800\n")).isEqualTo(new GitDate(1771171715, -480));
        assertThat(GitDate.parseRaw("0 +0000")).isEqualTo(GitDate.of(Instant.EPOCH));
    }

    @Test
    void theEnvironmentValueMarksSecondsAndPadsTheOffset() {
        assertThat(new GitDate(1771171715, 330).environmentValue()).isEqualTo("@1771171715 +0530");
        assertThat(new GitDate(1771171715, -45).environmentValue()).isEqualTo("@1771171715 -0045");
        assertThat(new GitDate(19700101, 0).environmentValue()).as("not a calendar date to git")
                .isEqualTo("@19700101 +0000");
        assertThat(GitDate.of(Instant.parse("2026-02-15T16:08:35Z")).environmentValue())
                .isEqualTo("@1771171715 +0000");
    }

    @Test
    void anythingElseIsRefused() {
        for (String text : new String[] {"", "1771171715", "1771171715 0530", "2026-02-15T16:08:35+05:30",
                "1771171715 +05:30", "x +0000"}) {
            assertThatThrownBy(() -> GitDate.parseRaw(text)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new GitDate(0, 100 * 60)).isInstanceOf(IllegalArgumentException.class);
    }
}
