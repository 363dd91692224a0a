package io.entire.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.PathChange;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LauncherStagedChangesTest {
    private static final String ADDED = ":000000 100644 0000000000000000000000000000000000000000 "
            + "5716ca5987cbf97d6bb54920bea6adde242d87e6 A\0main.go\0";
    private static final String MODIFIED = ":100644 100644 5716ca5987cbf97d6bb54920bea6adde242d87e6 "
            + "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391 M\0dir with space/ü.txt\0";

    @Test
    void gitsOutputFollowedByASuccessfulExitIsTheStagedChanges() {
        Optional<List<PathChange>> changes = read(ADDED + MODIFIED + "git-exit:0\n");

        assertThat(changes).get().asList().hasSize(2);
        assertThat(changes.get()).extracting(PathChange::path).containsExactly("main.go", "dir with space/ü.txt");
        assertThat(read("git-exit:0\n")).as("nothing staged").contains(List.of());
    }

    @Test
    void aFailedGitOrAnythingElseLeavesItToTheHook() {
        assertThat(read(ADDED + "git-exit:128\n")).isEmpty();
        assertThat(read(ADDED)).as("no exit status: git was cut short").isEmpty();
        assertThat(read("")).isEmpty();
        assertThat(read(ADDED + "git-exit:0")).as("no newline").isEmpty();
        assertThat(read("not a record\0git-exit:0\n")).isEmpty();
        assertThat(read("{\"session_id\":\"a\"}\n")).as("a payload, not the launcher's input").isEmpty();
    }

    private static Optional<List<PathChange>> read(String input) {
        return LauncherStagedChanges.read(new ByteArrayInputStream(input.getBytes(UTF_8)));
    }
}
