package io.entire.cli;

import io.entire.core.Progress;
import io.entire.core.RandomSource;
import io.entire.core.capture.CommitLinker;
import io.entire.core.capture.CommitSource;
import io.entire.core.capture.CondenseResult;
import io.entire.core.capture.LinkRestorer;
import io.entire.core.capture.LinkResult;
import io.entire.core.capture.PostCommit;
import io.entire.core.capture.RestoreResult;
import io.entire.core.capture.RewriteKind;
import io.entire.core.capture.RewrittenCommit;
import io.entire.core.git.Deadline;
import io.entire.core.git.Git;
import io.entire.core.git.GitRepository;
import io.entire.core.git.PathChange;
import io.entire.core.id.CheckpointId;
import io.entire.core.push.PushReport;
import io.entire.core.session.CommitUnderWay;
import io.entire.core.session.SessionStore;
import io.entire.core.settings.CommitLinking;
import io.entire.core.settings.Settings;
import io.entire.core.settings.SettingsLoader;
import io.entire.core.settings.StoreMode;
import io.entire.core.store.CheckpointDestination;
import io.entire.core.workspace.Workspace;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The git hooks ({@code entire hooks git <hook> ...}). Whatever happens they exit 0: the user's git command goes on,
 * and problems are reported on stderr in one line (and in full in the hook log).
 */
final class GitHooks {
    static final String PUSH_TIME_VARIABLE = "ENTIRE_PRE_PUSH_TIMEOUT";
    static final Duration DEFAULT_PUSH_TIME = Duration.ofSeconds(5);

    private GitHooks() {
    }

    /** Runs one git hook; an unknown hook is logged and ignored. */
    static int run(String hook, String[] hookArgs, InputStream in, HookStreams streams) {
        if (hook.equals("post-commit") || hook.equals("pre-push")) {
            Git.prepareLaunches();   // the hooks that run git whenever there is anything to do
        }
        if (hook.equals("pre-push")) {
            return prePush(hookArgs, in, streams);
        }
        Optional<HookContext> hookContext = Optional.empty();
        try {
            hookContext = HookContext.open(streams.workingDirectory(), streams);
            if (hookContext.isPresent()) {
                dispatch(hook, hookArgs, in, hookContext.get(), streams);
            }
        } catch (ClientLeftException e) {
            throw e;   // a served hook whose client left: the server abandons it, and there is nobody to tell
        } catch (RuntimeException e) {
            HookLog.of(HookContext.forFailure(hookContext, Optional.of(streams.workingDirectory()), streams)
                    .map(GitRepository::workTree), streams.err()).failure("git " + hook, e);
        }
        return ExitCode.OK;
    }

    private static void dispatch(String hook, String[] hookArgs, InputStream in, HookContext hookContext,
            HookStreams streams) {
        GitRepository repository = hookContext.repository();
        InstantSource clock = streams.environment().clock();
        SessionStore sessions = new SessionStore(repository.commonDir(), streams.environment(),
                hookContext.redactionRules());
        if (!hook.equals("post-commit")) {   // post-commit completes them itself, before its own checkpoint
            // A new commit starts at prepare-commit-msg: no earlier one can still be under way.
            OwedCheckpointHook.completeFirst(repository, streams, hook.equals("prepare-commit-msg")
                    ? CommitUnderWay.NONE : CommitUnderWay.POSSIBLE, "git " + hook);
        }
        if (hook.equals("prepare-commit-msg")) {
            prepareCommitMessage(hookArgs, in, hookContext, new CommitLinker(repository, sessions, clock), clock,
                    streams);
            return;
        }
        HookLog log = HookLog.of(Optional.of(repository.workTree()), streams.err());
        switch (hook) {
            case "commit-msg" -> {
                if (hookArgs.length > 0 && new CommitLinker(repository, sessions, clock)
                        .removeLonelyTrailer(streams.workingDirectory().resolve(hookArgs[0]))) {
                    log.record("git " + hook, "removed the checkpoint trailer from an otherwise empty message");
                }
            }
            case "post-commit" -> {
                Workspace workspace = streams.workspace(hookContext);
                PostCommit postCommit;
                try {
                    postCommit = workspace.condenser().postCommit(workspace.stores());
                } catch (RuntimeException e) {
                    workspace.close();
                    throw e;
                }
                // The old shadow branches go after the reply: the owed mark stays until then, for the next hook.
                streams.afterReply().add(() -> {
                    try (workspace; postCommit) {
                        postCommit.finish().forEach(warning -> log.warn("git " + hook, warning));
                    }
                });
                CondenseResult result = postCommit.result();
                result.owedCompleted().forEach(id -> log.record("git " + hook, "checkpoint " + id
                        + " completed (its post-commit was interrupted)"));
                result.checkpointId().ifPresent(id -> log.record("git " + hook, "checkpoint " + id + " written for "
                        + result.condensed()));
                if (result.checkpointId().isPresent() || !result.owedCompleted().isEmpty()) {
                    BackgroundPacking.start(streams.environment(), repository.workTree(), log);
                }
                result.warnings().forEach(warning -> log.warn("git " + hook, warning));
            }
            case "post-rewrite" -> restoreLinks(hookArgs, in, repository, log, streams.err());
            default -> log.record("git " + hook, "not a hook this version handles; ignored");
        }
    }

    /**
     * post-rewrite {@code <amend|rebase>}, the rewritten commits on stdin: puts back the checkpoint trailers the new
     * commits lost.
     */
    private static void restoreLinks(String[] hookArgs, InputStream in, GitRepository repository, HookLog log,
            PrintWriter err) {
        Optional<RewriteKind> kind = RewriteKind.parse(hookArgs.length > 0 ? hookArgs[0] : "");
        if (kind.isEmpty()) {
            log.record("git post-rewrite", "unknown rewrite '" + String.join(" ", hookArgs) + "'; ignored");
            return;
        }
        List<RewrittenCommit> rewritten;
        try {
            rewritten = RewrittenCommit.parseAll(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the rewritten commits from git", e);
        }
        RestoreResult result = new LinkRestorer(repository).restore(kind.get(), rewritten);
        String outcome = result.outcome().name().toLowerCase(Locale.ROOT);
        switch (result.outcome()) {
            case NOTHING_LOST, SKIPPED_OPERATION -> log.record("git post-rewrite", outcome);
            case RESTORED -> log.record("git post-rewrite", outcome + " " + result.trailerCount()
                    + " checkpoint trailer(s) on " + result.lost().size() + " commit(s)");
            case HEAD_MOVED -> {
                log.record("git post-rewrite", outcome + ": not put back, trailers lost per commit " + result.lost());
                err.println("entire: post-rewrite: HEAD moved on, so " + result.lost().size() + " rewritten commit(s)"
                        + " lost their Entire-Checkpoint trailers; the ids are in .entire/" + HookLog.FILE);
            }
        }
    }

    /** prepare-commit-msg {@code <file> [source]}: links the commit to the sessions whose work it takes. */
    private static void prepareCommitMessage(String[] hookArgs, InputStream in, HookContext hookContext,
            CommitLinker linker, InstantSource clock, HookStreams streams) {
        GitRepository repository = hookContext.repository();
        HookLog log = HookLog.of(Optional.of(repository.workTree()), streams.err());
        if (hookArgs.length == 0) {
            log.record("git prepare-commit-msg", "no message file given; nothing to do");
            return;
        }
        CommitSource source = CommitSource.parse(hookArgs.length > 1 ? hookArgs[1] : "",
                hookArgs.length > 2 ? hookArgs[2] : "");
        // In a JVM of its own, the launcher had git compute them while this JVM started; otherwise, or if that failed,
        // git diff --cached starts before the settings, the message and the sessions are read, and runs meanwhile.
        Supplier<List<PathChange>> staged = LauncherStagedChanges.offered(streams)
                ? LauncherStagedChanges.readOr(in, linker, source) : linker.stagedChanges(source);
        // The id comes from the settings, not from opened stores: their set-up (build info 10-30 ms, first logger
        // 25-60 ms, measured on a busy 2-core machine) would dominate this light hook.
        StoreMode mode = hookContext.settings().storeMode();
        LinkResult result = linker.prepare(streams.workingDirectory().resolve(hookArgs[0]), source, staged,
                TtyConfirmation.detect(streams.environment().variables()), CommitLinking.load(repository.workTree()),
                new TtyConfirmation(), new NewCheckpointId(mode, clock, streams.environment().random()));
        // What git does not need waits for the reply: the sessions' pending checkpoint (its rename cost the hook
        // 0.3-5 ms of ext4 writing the new state out), and the log line (~0.15 ms).
        for (AfterLink.Part part : AfterLink.Part.values()) {
            streams.afterReply().add(new AfterLink(part, linker, result, log));
        }
    }

    /** The id a linked commit's checkpoint gets, made only once the hook links it. */
    private static final class NewCheckpointId implements Supplier<CheckpointId> {
        private final StoreMode mode;
        private final InstantSource clock;
        private final RandomSource random;

        NewCheckpointId(StoreMode mode, InstantSource clock, RandomSource random) {
            this.mode = mode;
            this.clock = clock;
            this.random = random;
        }

        @Override
        public CheckpointId get() {
            return mode.newCheckpointId(clock, random);
        }
    }

    /** A part of prepare-commit-msg's work after its reply; each is an item of its own, run even if another failed. */
    private static final class AfterLink implements Runnable {
        enum Part {
            PENDING_CHECKPOINT,
            LOG_LINE,
            GIVEN_UP_ATTEMPTS
        }

        private final Part part;
        private final CommitLinker linker;
        private final LinkResult result;
        private final HookLog log;

        AfterLink(Part part, CommitLinker linker, LinkResult result, HookLog log) {
            this.part = part;
            this.linker = linker;
            this.result = result;
            this.log = log;
        }

        @Override
        public void run() {
            Optional<CheckpointId> id = result.checkpointId();
            switch (part) {
                case PENDING_CHECKPOINT -> linker.markPending(result);
                case LOG_LINE -> log.record("git prepare-commit-msg", result.outcome().name()
                        .toLowerCase(Locale.ROOT) + (id.isPresent() ? " " + id.get() + " " + result.sessions() : ""));
                case GIVEN_UP_ATTEMPTS -> {
                    if (id.isPresent()) {
                        linker.dropGivenUpAttempts(id.get());
                    }
                }
            }
        }
    }

    /**
     * pre-push {@code <remote> [<url>]}: pushes checkpoint data to the checkpoint remote (the same remote unless the
     * settings name one), never failing the push, and within {@link #PUSH_TIME_VARIABLE} seconds (default
     * {@link #DEFAULT_PUSH_TIME}), so that a slow remote does not hold the user's push; what did not fit stays
     * queued. bin/entire never hands it to the hook server (the push may need credentials from the terminal); run
     * there anyway, it would still use the client's repository and environment.
     */
    private static int prePush(String[] hookArgs, InputStream in, HookStreams streams) {
        Deadline deadline = Deadline.after(pushTime(streams.variable(PUSH_TIME_VARIABLE).orElse(null)));
        PrintWriter err = streams.err();
        drain(in, err);
        if (hookArgs.length < 1) {
            err.println("entire: pre-push: no remote given; checkpoints not pushed");
            return ExitCode.OK;
        }
        try {
            GitRepository repository = streams.openRepository(streams.workingDirectory());
            Settings settings = SettingsLoader.load(repository.workTree());
            if (!settings.enabled() || !settings.pushSessions()) {
                return ExitCode.OK;
            }
            OwedCheckpointHook.completeFirst(repository, streams, CommitUnderWay.POSSIBLE, "git pre-push");
            PushReport report;
            try (Workspace workspace = streams.workspace(new HookContext(repository, settings))) {
                CheckpointDestination destination = workspace.checkpointDestination(workspace.remote(hookArgs[0]));
                destination.warning().ifPresent(warning -> err.println("entire: pre-push: " + warning));
                report = workspace.push(destination.withDeadline(deadline), Progress.NONE);
            }
            PushOutput.summarize(report, err, err);
        } catch (RuntimeException e) {
            err.println("entire: pre-push: checkpoints not pushed (" + e.getMessage() + "); your push goes on");
        }
        return ExitCode.OK;
    }

    /** Seconds (a fraction allowed) from the variable's value; the default when it is unset or not positive. */
    static Duration pushTime(String seconds) {
        if (seconds != null) {
            try {
                double value = Double.parseDouble(seconds.strip());
                if (value > 0 && value < Long.MAX_VALUE / 1_000_000_000L) {
                    return Duration.ofNanos((long) (value * 1_000_000_000L));
                }
            } catch (NumberFormatException e) {
                // not a number: the default, as for a value that is not positive
            }
        }
        return DEFAULT_PUSH_TIME;
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
