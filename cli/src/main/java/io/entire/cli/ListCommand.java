package io.entire.cli;

import io.entire.core.git.GitRepository;
import io.entire.core.git.Remote;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonBoolean;
import io.entire.core.json.JsonValue;
import io.entire.core.model.Timestamps;
import io.entire.core.store.CheckpointListing;
import io.entire.core.store.RemoteCheckpoint;
import io.entire.core.store.StoreSet;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** {@code entire checkpoint list}: every stored checkpoint, newest first. */
final class ListCommand implements CliCommand {
    private static final String JSON = "--json";
    private static final String REMOTE = "--remote";

    private final CliContext context;

    ListCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpecs.command(this, "list", "List stored checkpoints, newest first.")
                .addOption(CommandSpecs.flag("print one JSON array", JSON))
                .addOption(CommandSpecs.option("<remote>",
                        "list the checkpoints on a remote by ref name, fetching nothing (default remote: origin)",
                        REMOTE).arity("0..1").fallbackValue("").build());
    }

    @Override
    public int run(ParseResult parsed) {
        boolean json = parsed.hasMatchedOption(JSON);
        if (parsed.hasMatchedOption(REMOTE)) {
            return listRemote(parsed.matchedOptionValue(REMOTE, ""), json);
        }
        List<CheckpointListing> listings;
        try (StoreSet stores = context.openStores(context.openRepository())) {
            listings = stores.list();
        }
        if (json) {
            List<JsonValue> elements = new ArrayList<>(listings.size());
            for (CheckpointListing listing : listings) {
                elements.add(new JsonOut().put("checkpoint_id", listing.id().value())
                        .put("created_at", listing.createdAt().map(Timestamps::format))
                        .put("branch", listing.branch())
                        .put("session_count", listing.sessionCount())
                        .putStrings("files_touched", listing.filesTouched())
                        .put("first_prompt", listing.firstPrompt()).build());
            }
            JsonOut.print(context.out(), new JsonArray(elements));
            return ExitCode.OK;
        }
        if (listings.isEmpty()) {
            context.err().println("No checkpoints yet.");
            return ExitCode.OK;
        }
        for (CheckpointListing listing : listings) {
            context.out().printf("%-26s  %-17s  %-24s  %2d session%s  %3d file%s  %s%n", listing.id(),
                    Format.time(listing.createdAt()), Format.oneLine(listing.branch().orElse("-"), 24),
                    listing.sessionCount(), listing.sessionCount() == 1 ? " " : "s",
                    listing.filesTouched().size(), listing.filesTouched().size() == 1 ? " " : "s",
                    Format.oneLine(listing.firstPrompt().orElse(""), 60));
        }
        context.out().flush();
        return ExitCode.OK;
    }

    private int listRemote(String remote, boolean json) {
        GitRepository repository = context.openRepository();
        Remote target = remote.isEmpty() ? repository.defaultRemote().orElseGet(() -> repository.remote("origin"))
                : repository.remote(remote);
        List<RemoteCheckpoint> found;
        try (StoreSet stores = context.openStores(repository)) {
            found = stores.listRemote(target);
        }
        if (json) {
            List<JsonValue> elements = new ArrayList<>(found.size());
            for (RemoteCheckpoint checkpoint : found) {
                elements.add(new JsonOut().put("checkpoint_id", checkpoint.id().value())
                        .put("created_at", checkpoint.id().createdAt().map(Timestamps::format))
                        .put("ref", checkpoint.ref().name())
                        .put("fetched", new JsonBoolean(checkpoint.local())).build());
            }
            JsonOut.print(context.out(), new JsonArray(elements));
            return ExitCode.OK;
        }
        for (RemoteCheckpoint checkpoint : found) {
            context.out().printf("%-26s  %-17s  %s%n", checkpoint.id(), Format.time(checkpoint.id().createdAt()),
                    checkpoint.local() ? "fetched" : "on " + target.name() + " only");
        }
        context.out().flush();
        return ExitCode.OK;
    }
}
