package io.entire.cli;

import static io.entire.cli.TestFiles.read;
import static io.entire.cli.TestFiles.script;
import static io.entire.cli.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.Git;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A git in a folder of its own, to put first on a hook's PATH: it logs its arguments to {@code control/calls} and runs
 * the real one, except at the first call naming the words given to {@link #stopAt}: there it writes its parent's pid
 * (the JVM that started it) and its own to {@code control/pids}, then waits for {@link #go} before it runs the real
 * git. So a test knows where a hook is, and can kill it there.
 */
final class StoppingGit {
    private final Path control;
    private final Path folder;

    private StoppingGit(Path control, Path folder) {
        this.control = control;
        this.folder = folder;
    }

    /** Installs it in {@code temp/bin}, with its control files in {@code temp/control}. */
    static StoppingGit install(Path temp) throws IOException {
        Path control = Files.createDirectories(temp.resolve("control"));
        String realGit = new Git(temp).run("--exec-path").text().strip() + "/git";
        Path folder = Files.createDirectories(temp.resolve("bin"));
        script(folder.resolve("git"), "#!/bin/sh\n"
                + "control='" + control + "'\n"
                + "echo \"$*\" >> \"$control/calls\"\n"
                + "words=$(cat \"$control/point\" 2>/dev/null)\n"
                + "case \" $* \" in\n"
                + "  *\" $words \"*) ;;\n"
                + "  *) exec '" + realGit + "' \"$@\" ;;\n"
                + "esac\n"
                + "if [ -z \"$words\" ] || ! mkdir \"$control/taken\" 2>/dev/null; then\n"
                + "  exec '" + realGit + "' \"$@\"\n"
                + "fi\n"
                + "echo \"$PPID $$\" > \"$control/pids.tmp\" && mv \"$control/pids.tmp\" \"$control/pids\"\n"
                + "while [ ! -e \"$control/go\" ]; do sleep 0.05; done\n"
                + "exec '" + realGit + "' \"$@\"\n");
        return new StoppingGit(control, folder);
    }

    /** The folder that holds it. */
    Path folder() {
        return folder;
    }

    /** Makes the first later call whose arguments include {@code words} stop. */
    void stopAt(String words) {
        write(control.resolve("point"), words);
    }

    /** Lets the stopped call run the real git. */
    void go() {
        write(control.resolve("go"), "");
    }

    /** Waits until a call stopped; returns its parent's pid and its own. */
    long[] awaitStop() throws InterruptedException {
        Path pids = control.resolve("pids");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!Files.exists(pids)) {
            assertThat(Instant.now()).as("the hook reached the point in time").isBefore(deadline);
            Thread.sleep(20);   // a file another process writes: nothing to wait on
        }
        String[] fields = read(pids).strip().split(" ");
        return new long[] {Long.parseLong(fields[0]), Long.parseLong(fields[1])};
    }

    /** Waits until git was called with {@code words} among its arguments. */
    void awaitCall(String words) throws InterruptedException {
        Path calls = control.resolve("calls");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!Files.exists(calls) || !(" " + read(calls).replace('\n', ' ')).contains(" " + words + " ")) {
            assertThat(Instant.now()).as("git " + words + " ran; calls: "
                    + (Files.exists(calls) ? read(calls) : "none")).isBefore(deadline);
            Thread.sleep(20);   // a file other processes write: nothing to wait on
        }
    }

    /** Ends a stopped call and the JVM that started it: a test that failed before it let them go leaves none. */
    void endStoppedProcesses() {
        Path pids = control.resolve("pids");
        if (Files.exists(pids)) {
            for (String pid : read(pids).strip().split(" ")) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }
}
