package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.Git;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line as a person types it: help, suggestions, usage errors, and options reaching the commands. */
class CommandLineTest {
    private static final List<String> COMMANDS = List.of("attach", "checkpoint", "disable", "enable", "explain",
            "help", "link", "migrate", "resume", "rewind", "status", "version");

    @TempDir
    Path temp;

    @Test
    void everyCommandsHelpEndsWithAnExample() {
        List<List<String>> pending = new java.util.ArrayList<>(List.of(List.of()));
        int checked = 0;
        while (!pending.isEmpty()) {
            List<String> command = pending.remove(0);
            List<String> args = new java.util.ArrayList<>(command);
            args.add("--help");
            CliRun help = CliRun.run(temp, Map.of(), args.toArray(String[]::new));
            assertThat(help.exitCode()).as(String.join(" ", command)).isZero();
            assertThat(help.out()).as("the help of 'entire " + String.join(" ", command) + "'")
                    .containsPattern("\nExamples?:\n  (entire |source )");
            checked++;
            String commands = help.out().contains("\nCommands:\n") ? help.out().substring(
                    help.out().indexOf("\nCommands:\n") + 11) : "";
            for (String line : commands.lines().takeWhile(line -> !line.isEmpty()).toList()) {
                if (line.matches("  [a-z][a-z-]* .*")) {
                    List<String> sub = new java.util.ArrayList<>(command);
                    sub.add(line.strip().split(" ")[0]);
                    pending.add(sub);
                }
            }
        }
        assertThat(checked).as("commands checked").isGreaterThanOrEqualTo(30);
    }

    @Test
    void theRootHelpListsEveryCommand() {
        CliRun help = CliRun.run(temp, Map.of(), "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: entire");
        COMMANDS.forEach(command -> assertThat(help.out()).contains("\n  " + command + " "));
        assertThat(COMMANDS.stream().map(command -> help.out().indexOf("\n  " + command + " ")).toList())
                .as("commands listed in alphabetical order").isSorted();
        assertThat(CliRun.run(temp, Map.of()).out()).isEqualTo(help.out());
        assertThat(CliRun.run(temp, Map.of(), "help").out()).isEqualTo(help.out());
    }

    @Test
    void helpNamesAnyCommand() {
        CliRun status = CliRun.run(temp, Map.of(), "help", "status");
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).isEqualTo(CliRun.run(temp, Map.of(), "status", "--help").out())
                .startsWith("Usage: entire status");
        CliRun list = CliRun.run(temp, Map.of(), "help", "checkpoint", "list");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).startsWith("Usage: entire checkpoint list");
        CliRun unknown = CliRun.run(temp, Map.of(), "help", "rewnd");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err()).contains("'rewnd' is not a command of 'entire'");
        assertThat(unknown.out()).isEmpty();
    }

    @Test
    void aCommandsHelpShowsItsOwnArguments() {
        CliRun help = CliRun.run(temp, Map.of(), "explain", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: entire explain").contains("<target>", "--json", "--raw-transcript");
        CliRun group = CliRun.run(temp, Map.of(), "checkpoint");
        assertThat(group.exitCode()).isZero();
        assertThat(group.out()).startsWith("Usage: entire checkpoint").contains("  list ", "  push ");
    }

    @Test
    void theVersionFlagAndCommandAgree() {
        String version = CliRun.run(temp, Map.of(), "version").out();
        assertThat(version).startsWith("entire ");
        assertThat(CliRun.run(temp, Map.of(), "-V").out()).isEqualTo(version);
        assertThat(CliRun.run(temp, Map.of(), "--version").out()).isEqualTo(version);
    }

    @ParameterizedTest
    @ValueSource(strings = {"explain -c HEAD", "explain --commit HEAD", "explain --checkpoint abcdef123456",
        "explain --no-pager", "status --detailed", "enable --strategy manual-commit", "attach -a claude-code s1",
        "disable --uninstall --force", "disable --uninstall --yes"})
    void theGoToolsSpellingsAreAccepted(String line) {
        CliRun run = CliRun.run(temp, Map.of(), line.split(" "));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.FAILED);
        assertThat(run.err()).contains("not a git repository");
    }

    @Test
    void aStrategyThisToolDoesNotHaveIsAUsageError() {
        CliRun run = CliRun.run(temp, Map.of(), "enable", "--strategy", "auto-commit");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("auto-commit", "manual-commit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"explian", "checkpoint lst", "migrat --checkpoints refs"})
    void aMistypedCommandIsAUsageErrorWithASuggestion(String line) {
        CliRun run = CliRun.run(temp, Map.of(), line.split(" "));
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("Did you mean").contains("--help' for usage.");
        assertThat(run.out()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "migrate|Missing required option: '--checkpoints=<layout>'",
        "migrate --checkpoints v3|expected one of [refs, v2]",
        "migrate --checkpoints refs --force|--force applies to --checkpoints v2 only",
        "migrate --checkpoints v2 --signing-key ABC|v2 storage commits are not signed",
        "migrate --checkpoints refs --no-sign --signing-key ABC|are mutually exclusive",
        "migrate --checkpoints refs --author nobody|--author:",
        "enable --local --project|--local, --project are mutually exclusive",
        "attach|Missing required parameter: '<session-id>'",
        "explain a b|Unmatched argument"})
    void badArgumentsAreUsageErrorsThatChangeNothing(String lineAndMessage) {
        String[] parts = lineAndMessage.split("\\|");
        Sandbox workspace = new Sandbox(temp);
        workspace.commit("initial");
        String head = workspace.head();
        CliRun run = workspace.run(parts[0].split(" "));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains(parts[1]).contains("--help' for usage.");
        assertThat(workspace.head()).isEqualTo(head);
        assertThat(workspace.git.run("for-each-ref", "--format=%(refname)").text().lines())
                .containsExactly("refs/heads/main");
        assertThat(workspace.repo.resolve(".entire")).doesNotExist();
    }

    @Test
    void enableOptionsReachTheSettingsFile() throws Exception {
        Sandbox workspace = new Sandbox(temp);
        workspace.commit("initial");
        CliRun run = workspace.run("enable", "--local", "--skip-push-sessions");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(workspace.repo.resolve(".entire/settings.json")).doesNotExist();
        assertThat(Files.readString(workspace.repo.resolve(".entire/settings.local.json")))
                .contains("\"push_sessions\": false");
    }

    @Test
    void migrateRunsFromTheCommandLineOverTheRealSample() {
        Path repo = temp.resolve("sample");
        new Git(temp).run("clone", "-q", "-b", "main", Sandbox.FIXTURES.resolve("upstream-v1-sample.bundle")
                .toString(), repo.toString());
        Git git = new Git(repo);
        git.run("branch", "-q", "entire/checkpoints/v1", "origin/entire/checkpoints/v1");
        Map<String, String> env = Map.of("GIT_AUTHOR_NAME", "Migrator", "GIT_AUTHOR_EMAIL", "m@example.invalid",
                "GIT_COMMITTER_NAME", "Migrator", "GIT_COMMITTER_EMAIL", "m@example.invalid");

        CliRun dryRun = CliRun.run(repo, env, "migrate", "--checkpoints", "v2", "--dry-run");
        assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
        assertThat(dryRun.out().strip()).endsWith("dry run: would have migrated 40, skipped 0, failed 0");
        assertThat(git.run("for-each-ref", "refs/entire/").text()).isEmpty();

        CliRun migrate = CliRun.run(repo, env, "migrate", "--checkpoints", "v2", "--author",
                "Ada <ada@example.invalid>");
        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        assertThat(migrate.out().strip()).endsWith("migrated 40, skipped 0, failed 0");
        assertThat(git.run("log", "-1", "--format=%an <%ae>", "refs/entire/checkpoints/v2/main").text())
                .isEqualTo("Ada <ada@example.invalid>");
        String main = git.run("rev-parse", "refs/entire/checkpoints/v2/main").text();

        CliRun rerun = CliRun.run(repo, env, "migrate", "--checkpoints", "v2");
        assertThat(rerun.out().strip()).endsWith("migrated 0, skipped 40, failed 0");
        assertThat(git.run("rev-parse", "refs/entire/checkpoints/v2/main").text()).isEqualTo(main);

        CliRun refs = CliRun.run(repo, env, "migrate", "--checkpoints", "refs", "--no-sign");
        assertThat(refs.exitCode()).as(refs.err()).isZero();
        assertThat(refs.out().strip()).endsWith("migrated 40, skipped 0, failed 0");
        assertThat(git.run("for-each-ref", "refs/entire/checkpoints/").text().lines()
                .filter(line -> !line.contains("/v2/"))).hasSize(40);
    }
}
