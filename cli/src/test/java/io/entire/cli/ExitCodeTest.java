package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.Diagnostics;
import io.entire.core.Environment;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every command's exit codes as the README documents them: 0 done, 1 failed with one line on stderr, 2 a usage error;
 * a failure never writes to stdout and never prints a stack trace.
 */
class ExitCodeTest {
    @TempDir
    Path temp;
    Sandbox workspace;

    @BeforeEach
    void enabledRepositoryWithACommit() {
        workspace = new Sandbox(temp);
        workspace.commit("initial");
        assertThat(workspace.run("enable").exitCode()).isZero();
    }

    @ParameterizedTest(name = "entire {0} exits {1}")
    @CsvSource(delimiter = '|', value = {
        "attach 0000aaaa-0000-0000-0000-000000000000 --force | 1",
        "attach bad/id                                        | 2",
        "attach --bogus                                       | 2",
        "checkpoint list                                      | 0",
        "checkpoint list --bogus                              | 2",
        "checkpoint push                                      | 1",
        "checkpoint push --bogus                              | 2",
        "clean                                                | 0",
        "clean --bogus                                        | 2",
        "disable                                              | 0",
        "disable --bogus                                      | 2",
        "doctor verify                                        | 0",
        "doctor --bogus                                       | 2",
        "enable                                               | 0",
        "enable --bogus                                       | 2",
        "explain HEAD                                         | 1",
        "explain abcdef123456                                 | 1",
        "explain ab                                           | 2",
        "explain zz-not-an-id                                 | 2",
        "explain --bogus                                      | 2",
        "explain --raw-transcript --json                      | 2",
        "help status                                          | 0",
        "help nosuchcommand                                   | 2",
        "link HEAD abcdef123456                               | 1",
        "link HEAD zz                                         | 2",
        "migrate --checkpoints refs                           | 0",
        "migrate                                              | 2",
        "resume nosuchbranch                                  | 1",
        "resume                                               | 2",
        "rewind --list                                        | 0",
        "rewind --to abcdef1 --yes                            | 1",
        "rewind --bogus                                       | 2",
        "session list                                         | 0",
        "session info nosuchsession                           | 1",
        "session stop --bogus                                 | 2",
        "status                                               | 0",
        "status --bogus                                       | 2",
        "trace export                                         | 0",
        "trace export no-such-branch..HEAD                    | 2",
        "trace export --bogus                                 | 2",
        "version                                              | 0",
        "nosuchcommand                                        | 2",
    })
    void exitsAsDocumented(String line, int expected) {
        CliRun run = workspace.run(line.split(" "));
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(expected);
        assertThat(run.err()).as("no stack trace").doesNotContain("\tat ", "Exception");
        if (expected != ExitCode.OK) {
            assertThat(run.out()).as("a failure writes nothing on stdout").isEmpty();
            assertThat(run.err()).startsWith("entire: ");
        }
        if (expected == ExitCode.FAILED) {
            assertThat(run.err().lines()).as("one line").hasSize(1);
        }
    }

    /** No command is known to throw one; a bug would, and its user reads one line, its report the log. */
    @Test
    void optionsThatExcludeEachOtherAreOneLineWithoutPicoclisErrorPrefix() {
        CliRun rewind = workspace.run("rewind", "--logs-only", "--reset");

        assertThat(rewind.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(rewind.err()).startsWith("entire: --").contains("mutually exclusive")
                .doesNotContain("Error: ");
    }

    @Test
    void hooksWithoutAHookNameSayHowTheyAreCalledAndNeverFail() {
        CliRun hooks = workspace.run("hooks", "codex");

        assertThat(hooks.exitCode()).isZero();
        assertThat(hooks.err()).isEqualTo(
                "entire: usage: entire hooks <git|agent> <hook> [args...]; nothing recorded\n");
    }

    @Test
    void whatAUserOrARepositoryWroteIsQuotedWithItsControlCharactersEscaped() throws IOException {
        CliRun explain = workspace.run("explain", "a\nb\u001b[2J");
        Files.writeString(workspace.repo.resolve(".entire/settings.json"), "{\"enabled\": true, \"log\\u001b[31m\": 1,"
                + " \"strategy_options\": {\"checkpoint_store\": \"x\\nentire: all good\"}}\n");
        CliRun status = workspace.run("status");

        for (CliRun run : List.of(explain, status)) {
            assertThat(run.err()).as(run.toString()).hasLineCount(1).doesNotContain("\u001b");
        }
        assertThat(explain.err()).contains("a\\nb\\u001b[2J");
        assertThat(status.err()).contains("x\\nentire: all good");
    }

    @Test
    void anUnexpectedFailureIsOneLineOnStderrAndItsStackTraceGoesToTheLog() throws IOException {
        StringWriter err = new StringWriter();
        Environment environment = Environment.of(Map.of(), workspace.repo, workspace.repo);
        CliContext context = new CliContext(environment, new PrintWriter(Writer.nullWriter()), new PrintWriter(err),
                BuildInfo.load(), Terminal.detect(Map.of("ENTIRE_NO_TTY", "1")), new Style(false),
                Times.of(environment), Pager.NONE);
        int code;
        try (Diagnostics.Binding binding = Diagnostics.forRunIn(workspace.repo, context.err()).bind()) {
            code = Commands.report(new IllegalStateException("a bug"), context);
        }
        context.err().flush();

        assertThat(code).isEqualTo(ExitCode.FAILED);
        assertThat(err.toString()).isEqualTo("entire: internal error: java.lang.IllegalStateException: a bug (details"
                + " in .entire/logs/entire.log)\n");
        String log = Files.readString(workspace.repo.resolve(".entire/logs/entire.log"), StandardCharsets.UTF_8);
        assertThat(log.lines().filter(line -> line.contains("internal error"))).singleElement().asString()
                .contains("a bug", "at io.entire.cli.ExitCodeTest.anUnexpectedFailure");
    }
}
