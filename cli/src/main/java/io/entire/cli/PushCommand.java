package io.entire.cli;

import io.entire.core.git.GitRepository;
import io.entire.core.git.Remote;
import io.entire.core.push.CheckpointPusher;
import io.entire.core.push.PushReport;
import io.entire.core.store.StoreSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code entire checkpoint push}: what the pre-push hook does, on demand. */
@Command(name = "push", mixinStandardHelpOptions = true,
        description = "Push queued checkpoint refs (and the checkpoint branch where it is written) to a remote.")
final class PushCommand implements Callable<Integer> {
    @Parameters(paramLabel = "<remote>", arity = "0..1", description = "remote name or URL (default: origin)")
    String remote;

    private final CliContext context;

    PushCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        GitRepository repository = context.openRepository();
        Remote target = remote == null ? repository.defaultRemote().orElseGet(() -> repository.remote("origin"))
                : repository.remote(remote);
        PushReport report;
        try (StoreSet stores = context.openStores(repository)) {
            report = new CheckpointPusher(repository, stores).push(target);
        }
        PushOutput.summarize(report, context.out());
        if (report.succeeded() && report.pushed() == 0 && !report.branchPushed()) {
            context.out().println("Nothing to push: " + report.remote() + " has every checkpoint ("
                    + report.alreadyThere() + " confirmed, " + report.dropped() + " dropped as deleted).");
        }
        return report.succeeded() ? ExitCode.OK : ExitCode.FAILED;
    }
}
