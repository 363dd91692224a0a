package io.entire.cli;

import io.entire.core.capture.OwedResult;
import io.entire.core.git.GitRepository;
import io.entire.core.session.CommitUnderWay;
import io.entire.core.session.OwedCheckpoints;
import io.entire.core.workspace.Workspace;
import java.util.Optional;

/**
 * The first step of every hook: complete the checkpoints an interrupted post-commit left owed. Costs a hook one look
 * at a directory when nothing is owed; a failure is logged and the hook goes on with its own work.
 */
final class OwedCheckpointHook {
    private OwedCheckpointHook() {
    }

    static void completeFirst(GitRepository repository, HookStreams streams, CommitUnderWay underWay, String hook) {
        try {
            if (!new OwedCheckpoints(repository).anyToComplete()) {
                return;
            }
            OwedResult result;
            try (Workspace workspace = streams.workspace(repository)) {
                result = workspace.owedCompletion().complete(workspace.stores(), underWay);
            }
            record(HookLog.of(Optional.of(repository.workTree()), streams.err()), hook, result);
        } catch (RuntimeException e) {
            HookLog.of(Optional.of(repository.workTree()), streams.err()).failure(hook, e);
        }
    }

    private static void record(HookLog log, String hook, OwedResult result) {
        result.completed().forEach(id -> log.record(hook, "checkpoint " + id + " completed (its post-commit was"
                + " interrupted)"));
        result.dropped().forEach(id -> log.record(hook, "checkpoint " + id + " no longer owed"));
        result.warnings().forEach(warning -> log.warn(hook, warning));
    }
}
