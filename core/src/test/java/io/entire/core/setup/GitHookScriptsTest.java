package io.entire.core.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installed scripts, run by sh the way git runs them. */
class GitHookScriptsTest {
    @TempDir
    Path temp;

    @Test
    void prePushFeedsTheSameStdinAndArgumentsToEntireAndToTheHookItReplacedWhoseStatusWins() throws Exception {
        Path log = temp.resolve("log");
        Path fakeEntire = executable("fake-entire", "#!/bin/sh\necho \"entire $*\" >> '" + log + "'\n"
                + "sed 's/^/entire stdin: /' >> '" + log + "'\nexit 3\n");
        Path hook = executable("pre-push", GitHookScripts.script("pre-push", "'" + fakeEntire + "'"));
        executable("pre-push.pre-entire", "#!/bin/sh\necho \"old $*\" >> '" + log + "'\n"
                + "sed 's/^/old stdin: /' >> '" + log + "'\nexit 7\n");

        int status = run(hook, "refs/heads/main abc refs/heads/main def\n", Map.of(), "origin", "file:///r.git");

        assertThat(status).as("the replaced hook's status is the hook's").isEqualTo(7);
        assertThat(Files.readAllLines(log)).containsExactly("entire hooks git pre-push origin file:///r.git",
                "entire stdin: refs/heads/main abc refs/heads/main def", "old origin file:///r.git",
                "old stdin: refs/heads/main abc refs/heads/main def");
    }

    @Test
    void postRewriteFeedsTheSameRewrittenListToEntireAndToTheHookItReplaced() throws Exception {
        Path log = temp.resolve("log");
        Path fakeEntire = executable("fake-entire", "#!/bin/sh\necho \"entire $*\" >> '" + log + "'\n"
                + "sed 's/^/entire stdin: /' >> '" + log + "'\n");
        Path hook = executable("post-rewrite", GitHookScripts.script("post-rewrite", "'" + fakeEntire + "'"));
        executable("post-rewrite.pre-entire", "#!/bin/sh\necho \"old $*\" >> '" + log + "'\n"
                + "sed 's/^/old stdin: /' >> '" + log + "'\nexit 5\n");

        int status = run(hook, "aaa bbb\nccc ddd\n", Map.of(), "rebase");

        assertThat(status).isEqualTo(5);
        assertThat(Files.readAllLines(log)).containsExactly("entire hooks git post-rewrite rebase",
                "entire stdin: aaa bbb", "entire stdin: ccc ddd", "old rebase", "old stdin: aaa bbb",
                "old stdin: ccc ddd");
    }

    @Test
    void postRewriteIsOneOfTheInstalledHooks() {
        assertThat(GitHookScripts.HOOKS).contains("post-rewrite");
    }

    @Test
    void hookManagersAreToldToRunPostRewriteWithItsStdin() {
        assertThat(HookManager.LEFTHOOK.instructions("entire")).contains("post-rewrite:\n  use_stdin: true\n");
        assertThat(HookManager.PRE_COMMIT.instructions("entire")).contains("--hook-type post-rewrite",
                "entry: entire hooks git post-rewrite");
        assertThat(HookManager.HUSKY.instructions("entire")).contains("entire hooks git post-rewrite \"$@\"");
    }

    @Test
    void aMissingCommandIsSkippedAndTheHookStillSucceeds() throws Exception {
        Path hook = executable("commit-msg", GitHookScripts.script("commit-msg", "entire-that-does-not-exist"));

        assertThat(run(hook, "", Map.of(), "msg")).isZero();
        assertThat(GitHookScripts.isOurs(Files.readString(hook))).isTrue();
    }

    @Test
    void theFirstWordOfTheCommandIsWhatMustExist() {
        assertThat(GitHookScripts.firstWord("entire")).isEqualTo("entire");
        assertThat(GitHookScripts.firstWord("'/opt/my java/bin/java' -cp x Main")).isEqualTo("'/opt/my java/bin/java'");
        assertThat(GitHookScripts.firstWord("/usr/bin/java -cp x Main")).isEqualTo("/usr/bin/java");
    }

    private Path executable(String name, String content) throws IOException {
        Path file = temp.resolve(name);
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private static int run(Path hook, String stdin, Map<String, String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("sh", hook.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(hook.getParent().toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        try (var in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }
}
