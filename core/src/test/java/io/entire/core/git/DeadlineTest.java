package io.entire.core.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A git command still running at its deadline is stopped, and so is every process it started. */
class DeadlineTest {
    @TempDir
    Path temp;

    @Test
    void aCommandPastItsDeadlineIsStoppedWithWhatItStarted() throws Exception {
        Path pidFile = temp.resolve("child.pid");
        // An alias runs through the shell: git, then sh, then a sleep that outlives any test.
        List<String> slow = List.of("-c", "alias.slow=!echo $$ > '" + pidFile + "'; exec sleep 600", "slow");

        assertThatThrownBy(() -> new Git(temp).tryRun(slow, null, Deadline.after(Duration.ofMillis(500))))
                .isInstanceOf(GitException.class).hasMessageContaining("deadline");

        long child = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(ProcessHandle.of(child).map(handle -> handle.onExit().join().isAlive()).orElse(false))
                .as("the sleep git started").isFalse();
    }

    @Test
    void aCommandThatEndsInTimeIsUntouched() {
        GitResult result = new Git(temp).tryRun(List.of("--version"), null, Deadline.after(Duration.ofMinutes(1)));

        assertThat(result.succeeded()).isTrue();
        assertThat(result.text()).startsWith("git version");
    }

    @Test
    void noDeadlineNeverPasses() {
        assertThat(Deadline.NONE.passed()).isFalse();
        assertThat(Deadline.NONE.bounded()).isFalse();
        assertThat(Deadline.after(Duration.ZERO).passed()).isTrue();
    }
}
