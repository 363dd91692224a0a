package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.entire.core.git.Git;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The completion scripts, loaded by real shells over the Go tool's sample repository, with {@code entire} on PATH:
 * they complete commands, subcommands and stored checkpoint ids. zsh runs when it is installed (.ci/run installs it).
 */
class CompletionTest {
    private static final String ID = "0e053674f90a";

    @TempDir
    Path temp;
    private Path repo;
    private Path bin;

    @BeforeEach
    void setUp() throws IOException {
        new Git(temp).run("clone", "-q", "-b", "main", Sandbox.FIXTURES.resolve("upstream-v1-sample.bundle")
                .toString(), "sample");
        repo = temp.resolve("sample");
        new Git(repo).run("branch", "-q", "entire/checkpoints/v1", "origin/entire/checkpoints/v1");
        bin = Files.createDirectories(temp.resolve("bin"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path entire = Files.writeString(bin.resolve("entire"), "#!/bin/sh\nexec '" + java + "' -cp '"
                + System.getProperty("java.class.path") + "' " + Main.class.getName() + " \"$@\"\n");
        Files.setPosixFilePermissions(entire, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(temp.resolve("entire.bash"), CliRun.run(repo, Map.of(), "completion", "bash").out());
        Files.writeString(temp.resolve("entire.zsh"), CliRun.run(repo, Map.of(), "completion", "zsh").out());
    }

    @Test
    void bashCompletesCommandsSubcommandsAndCheckpointIds() throws IOException, InterruptedException {
        assertThat(bash("entire exp")).containsExactly("explain");
        assertThat(bash("entire checkpoint l")).containsExactly("list");
        assertThat(bash("entire explain 0e05")).containsExactly(ID);
        assertThat(bash("entire explain --checkpoint 0e05")).containsExactly(ID);
        assertThat(bash("entire completion ")).containsExactly("bash", "zsh", "fish");
    }

    @Test
    void zshCompletesCommandsAndCheckpointIdsAtItsPrompt() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/zsh")) || Files.isExecutable(Path.of("/bin/zsh")),
                "zsh is not installed");

        assertThat(zsh("entire exp")).isEqualTo("entire explain ");
        assertThat(zsh("entire explain 0e05")).isEqualTo("entire explain " + ID + " ");
    }

    @Test
    void fishGetsCompleteLinesForCommandsOptionsAndIds() {
        CliRun fish = CliRun.run(repo, Map.of(), "completion", "fish");

        assertThat(fish.exitCode()).isZero();
        assertThat(fish.out()).contains("complete -c entire -n '__fish_use_subcommand' -a explain -d 'Show the",
                "complete -c entire -n '__fish_seen_subcommand_from explain' -r -a '(entire __checkpoint-ids"
                        + " 2>/dev/null)'", "complete -c entire -n '__fish_use_subcommand' -l no-color")
                .doesNotContain("__checkpoint-ids -d");
    }

    @Test
    void anUnknownShellIsAUsageErrorAndTheIdCommandIsHidden() {
        CliRun unknown = CliRun.run(repo, Map.of(), "completion", "tcsh");
        CliRun help = CliRun.run(repo, Map.of(), "--help");

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("give bash, zsh or fish");
        assertThat(help.out()).contains("completion").doesNotContain(CheckpointIdsCommand.NAME);
    }

    /** What bash's completion function offers for {@code line}, the last word being completed. */
    private List<String> bash(String line) throws IOException, InterruptedException {
        String words = line.endsWith(" ") ? line + "''" : line;
        String script = "source '" + temp.resolve("entire.bash") + "'\nCOMP_WORDS=(" + words + ")\n"
                + "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\nCOMP_LINE='" + line + "'\n"
                // compopt, which the script calls, complains outside a completion bash started itself
                + "_complete_entire 2>/dev/null\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        return run(List.of("bash", "-c", script)).lines().filter(word -> !word.isBlank()).toList();
    }

    /** The line an interactive zsh shows after {@code line} and a TAB, read back by a key bound to print it. */
    private String zsh(String line) throws IOException, InterruptedException {
        Path buffer = temp.resolve("buffer-" + System.nanoTime());
        String driver = String.join("\n", "zmodload zsh/zpty",
                "zpty -b shell 'zsh -f -i'",
                "zpty -w shell 'PS1=\"> \"; autoload -U compinit && compinit -u; source " + temp.resolve("entire.zsh")
                        + "; dump() { print -r -- \"$BUFFER\" > " + buffer + " }; zle -N dump; bindkey \"^X\" dump'",
                "zpty -w -n shell $'" + line + "\\t'",
                "zpty -w -n shell $'\\x18'",
                // the completion starts a JVM: wait until the bound key wrote the line
                "for i in {1..600}; do [[ -s " + buffer + " ]] && break; sleep 0.1; done",
                "zpty -d shell", "");
        run(List.of("zsh", "-f", "-c", driver));
        return Files.readString(buffer).stripTrailing() + (Files.readString(buffer).endsWith(" \n") ? " " : "");
    }

    private String run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("HOME", temp.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }
}
