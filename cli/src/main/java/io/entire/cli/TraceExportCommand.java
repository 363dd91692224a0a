package io.entire.cli;

import io.entire.core.EntireException;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonValue;
import io.entire.core.json.JsonWriter;
import io.entire.core.workspace.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code entire trace export}: an Agent Trace record (specification 0.1.0) for each commit of a range that links a
 * checkpoint, as JSON Lines on stdout or in a file, or as one JSON array with {@code --json}.
 */
final class TraceExportCommand implements CliCommand {
    private static final String OUT = "--out";
    private static final String JSON = "--json";

    private final CliContext context;

    TraceExportCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpecs.command(this, "export",
                        "Write an Agent Trace record for each linked commit of a range (JSON Lines).")
                .addPositional(CommandSpecs.optionalParameter("<commit range>",
                        "the commits, as git log takes them (main..HEAD, a tag); default: HEAD and its history"))
                .addOption(CommandSpecs.option("<file>", "write the records to this file instead of stdout", OUT)
                        .build())
                .addOption(CommandSpecs.flag("print one JSON array of the records", JSON));
    }

    @Override
    public int run(ParseResult parsed) {
        String range = parsed.matchedPositionalValue(0, "HEAD");
        List<JsonObject> records;
        try (Workspace workspace = context.openWorkspace()) {
            records = workspace.traceExporter().export(range);
        }
        StringBuilder lines = new StringBuilder();
        records.forEach(record -> lines.append(JsonWriter.compact(record)).append('\n'));
        String out = parsed.matchedOptionValue(OUT, null);
        if (out != null) {
            write(context.environment().workingDirectory().resolve(out), lines.toString());
            context.err().println("entire: wrote " + records.size() + " Agent Trace record"
                    + (records.size() == 1 ? "" : "s") + " to " + out);
        }
        if (parsed.hasMatchedOption(JSON)) {
            List<JsonValue> array = new ArrayList<>(records);
            JsonOut.print(context.out(), new JsonArray(array));
        } else if (out == null) {
            context.out().print(lines);
            context.out().flush();
        }
        return ExitCode.OK;
    }

    /**
     * The whole file or nothing: written next to it (next to the file a link names), then moved there. What is not a
     * file (a pipe, a terminal, {@code /dev/stdout}) is written into as it is: moving a file there would replace it.
     */
    private static void write(Path file, String content) {
        if (Files.isDirectory(file)) {
            throw new EntireException(EntireException.Category.USAGE, "cannot write " + file + ": it is a folder");
        }
        Path scratch = null;
        try {
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                Files.writeString(file, content, StandardCharsets.UTF_8);
                return;
            }
            Path target = Files.isSymbolicLink(file) && Files.exists(file) ? file.toRealPath() : file;
            scratch = target.resolveSibling("." + target.getFileName() + ".entire-tmp");
            Files.writeString(scratch, content, StandardCharsets.UTF_8);
            Files.move(scratch, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                if (scratch != null) {
                    Files.deleteIfExists(scratch);
                }
            } catch (IOException ignored) {
                // the write failed already; that is what the user hears about
            }
            throw new EntireException(EntireException.Category.USAGE, "cannot write " + file + ": " + reason(e));
        }
    }

    /** Why a write failed, in words (no exception class). */
    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "its folder does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException failed && failed.getReason() != null) {
            return failed.getReason();
        }
        return String.valueOf(e.getMessage());
    }
}
