package io.entire.cli;

import io.entire.core.id.CheckpointId;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonBoolean;
import io.entire.core.json.JsonValue;
import io.entire.core.model.Timestamps;
import io.entire.core.store.CheckpointListing;
import io.entire.core.store.RemoteCheckpoint;
import io.entire.core.workspace.RemoteListing;
import io.entire.core.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/** {@code entire checkpoint list}: every stored checkpoint, newest first. */
final class ListCommand implements CliCommand {
    private static final String JSON = "--json";
    private static final String REMOTE = "--remote";
    private static final String BRANCH = "--branch";
    private static final int BLOCK = 1 << 16;

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
                        REMOTE).arity("0..1").fallbackValue("").build())
                .addOption(CommandSpecs.option("<branch>",
                        "only the checkpoints the branch's commits link (squashed and merged ones too)", BRANCH)
                        .build());
    }

    @Override
    public int run(ParseResult parsed) {
        boolean json = parsed.hasMatchedOption(JSON);
        if (parsed.hasMatchedOption(REMOTE)) {
            return listRemote(parsed.matchedOptionValue(REMOTE, ""), json);
        }
        List<CheckpointListing> listings;
        try (Workspace workspace = context.openWorkspace()) {
            listings = workspace.stores().list();
            if (parsed.hasMatchedOption(BRANCH)) {
                Set<CheckpointId> linked = workspace.branchCheckpoints()
                        .linkedFrom(parsed.matchedOptionValue(BRANCH, "HEAD"));
                listings = listings.stream().filter(listing -> linked.contains(listing.id())).toList();
            }
        }
        if (json) {
            List<JsonValue> elements = new ArrayList<>(listings.size());
            for (CheckpointListing listing : listings) {
                elements.add(new JsonOut().put("checkpoint_id", listing.id().value())
                        .put("created_at", listing.createdAt().map(Timestamps::format))
                        .put("branch", listing.branch())
                        .put("session_count", listing.sessionCount())
                        .putStrings("files_touched", listing.filesTouched())
                        .put("first_prompt", listing.firstPrompt())
                        .put("problem", listing.problem()).build());
            }
            JsonOut.print(context.out(), new JsonArray(elements));
            return ExitCode.OK;
        }
        if (listings.isEmpty()) {
            context.err().println("No checkpoints yet.");
            return ExitCode.OK;
        }
        context.pager().start();
        printText(listings);
        return ExitCode.OK;
    }

    /** One line per checkpoint, handed to the writer in blocks of many lines: 100,000 lines are 16 MB. */
    private void printText(List<CheckpointListing> listings) {
        Times.MinuteColumn minutes = context.times().minuteColumn();
        String lineEnd = System.lineSeparator();
        StringBuilder block = new StringBuilder(BLOCK + 1024);
        char[] chars = new char[block.capacity()];
        for (CheckpointListing listing : listings) {
            int sessions = listing.sessionCount();
            int files = listing.filesTouched().size();
            Format.padded(block, listing.id().value(), 26).append("  ");
            Format.padded(block, minutes.text(listing.createdAt()), 17).append("  ");
            Format.padded(block, Format.oneLine(listing.branch().orElse("-"), 24), 24).append("  ");
            Format.rightAligned(block, sessions, 2).append(sessions == 1 ? " session   " : " sessions  ");
            Format.rightAligned(block, files, 3).append(files == 1 ? " file   " : " files  ");
            block.append(listing.problem().map(problem -> "[" + problem + "]")
                    .orElseGet(() -> Format.oneLine(listing.firstPrompt().orElse(""), 60))).append(lineEnd);
            if (block.length() >= BLOCK) {
                chars = write(block, chars);
            }
        }
        write(block, chars);
        context.out().flush();
    }

    /** Writes the block and empties it; returns the buffer it used, grown if it had to be. */
    private char[] write(StringBuilder block, char[] chars) {
        char[] buffer = chars.length >= block.length() ? chars : new char[block.length()];
        block.getChars(0, block.length(), buffer, 0);
        context.out().write(buffer, 0, block.length());
        block.setLength(0);
        return buffer;
    }

    private int listRemote(String remote, boolean json) {
        RemoteListing listing;
        try (Workspace workspace = context.openWorkspace()) {
            listing = workspace.listRemote(remote);
        }
        List<RemoteCheckpoint> found = listing.checkpoints();
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
        if (found.isEmpty()) {
            context.err().println("No checkpoint refs on " + listing.remote() + ".");
            return ExitCode.OK;
        }
        StringBuilder line = new StringBuilder(80);
        for (RemoteCheckpoint checkpoint : found) {
            line.setLength(0);
            Format.padded(line, checkpoint.id().value(), 26).append("  ");
            Format.padded(line, context.times().minute(checkpoint.id().createdAt()), 17).append("  ");
            context.out().println(line.append(checkpoint.local() ? "fetched" : "on " + listing.remote() + " only"));
        }
        context.out().flush();
        return ExitCode.OK;
    }
}
