package io.entire.cli;

import io.entire.core.git.GitRepository;
import io.entire.core.push.CheckpointPusher;
import io.entire.core.push.PushReport;
import io.entire.core.settings.Settings;
import io.entire.core.settings.SettingsLoader;
import io.entire.core.store.StoreSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The git hooks ({@code entire hooks git <hook> ...}). Whatever happens they exit 0: the user's git command goes on,
 * and problems are reported on stderr in one line.
 */
final class GitHooks {
    private GitHooks() {
    }

    /** pre-push {@code <remote> [<url>]}: pushes checkpoint data to the same remote, never failing the push. */
    static int prePush(String[] hookArgs, InputStream in, PrintWriter err, Path workingDirectory, String version) {
        drain(in, err);
        if (hookArgs.length < 1) {
            err.println("entire: pre-push: no remote given; checkpoints not pushed");
            return ExitCode.OK;
        }
        try {
            GitRepository repository = GitRepository.open(workingDirectory);
            Settings settings = SettingsLoader.load(repository.workTree());
            if (!settings.enabled() || !settings.pushSessions()) {
                return ExitCode.OK;
            }
            PushReport report;
            try (StoreSet stores = StoreSet.open(repository, settings, version)) {
                report = new CheckpointPusher(repository, stores).push(repository.remote(hookArgs[0]));
            }
            PushOutput.summarize(report, err);
        } catch (RuntimeException e) {
            err.println("entire: pre-push: checkpoints not pushed (" + e.getMessage() + "); your push goes on");
        }
        return ExitCode.OK;
    }

    /** git writes the refs being pushed to the hook's stdin; read them so git never sees a broken pipe. */
    private static void drain(InputStream in, PrintWriter err) {
        try {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            err.println("entire: pre-push: could not read the ref list from git: " + e.getMessage());
        }
    }
}
