package io.entire.core.agent;

import io.entire.core.json.JsonValue;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How an agent's transcripts are read: where a part starts and ends ({@link TranscriptPosition}), what a part holds
 * (prompts, files written, tokens, model), its compact form. Unreadable lines are skipped and counted; a transcript
 * that cannot be read at all is an {@link io.entire.core.EntireException} naming it.
 */
public interface TranscriptFormat {
    /** The arguments that name a tool call's file in the built-in agents' tools. */
    List<String> PATH_ARGUMENTS = List.of("file_path", "path", "filename", "notebook_path");

    /** What this agent's positions count. */
    TranscriptPosition.Unit unit();

    /** The position {@code value} in this format's unit. */
    default TranscriptPosition position(long value) {
        return new TranscriptPosition(unit(), value);
    }

    /** Where {@code transcript} ends now, where a turn starting now begins; the start when there is no file. */
    TranscriptPosition end(Path transcript);

    /**
     * As {@link #end}, with the mark after the transcript's last complete line when this format reads append-only
     * lines (a part starting at this end is then read from there, not from the first byte).
     */
    default TranscriptEnd endMarked(Path transcript) {
        return new TranscriptEnd(end(transcript), Optional.empty());
    }

    /**
     * As {@link #endMarked(Path)}, reading on from {@code known} (a mark {@link #endMarked} found in the same file
     * before) when the file still fits it.
     */
    default TranscriptEnd endMarked(Path transcript, LineMark known) {
        return endMarked(transcript);
    }

    /** The part of {@code transcript} after {@code from}, analyzed; file paths relative to {@code workTree}. */
    TranscriptAnalysis analyze(Path transcript, TranscriptPosition from, Path workTree);

    /**
     * As {@link #analyze(Path, TranscriptPosition, Path)}, reading from {@code mark} (found at or before {@code from}
     * in the same file by {@link #endMarked}) when the file still fits it.
     */
    default TranscriptAnalysis analyze(Path transcript, TranscriptPosition from, LineMark mark, Path workTree) {
        return analyze(transcript, from, workTree);
    }

    /**
     * The files the part after {@code from} wrote, as {@link TranscriptAnalysis#filesTouched()} lists them, reading no
     * more than that needs: light hooks ask this of other sessions' transcripts.
     */
    List<String> filesWritten(Path transcript, TranscriptPosition from, Path workTree);

    /**
     * As {@link #filesWritten(Path, TranscriptPosition, Path)}, reading from {@code mark} (found at or before
     * {@code from} in the same file by {@link #endMarked}) when the file still fits it: a light hook reads the turn of
     * a long session, not the whole file.
     */
    default List<String> filesWritten(Path transcript, TranscriptPosition from, LineMark mark, Path workTree) {
        return filesWritten(transcript, from, workTree);
    }

    /**
     * A pass over a transcript whose part after {@code from} is stored, writing the part's compact transcript to
     * {@code compact} (which the caller closes) and stamping it with {@code cliVersion}.
     */
    TranscriptPass startPass(TranscriptPosition from, Path workTree, OutputStream compact, String cliVersion);

    /**
     * Writes the compact transcript of a whole raw transcript (as a checkpoint stored it) to {@code out}; returns how
     * many compact lines it wrote. For checkpoints stored before compact transcripts existed.
     */
    long writeCompact(InputStream raw, OutputStream out, String cliVersion);

    /**
     * The files a compact transcript's tool call names in its {@code input}, as written there (relative or absolute):
     * by default the {@code file_path}, {@code path}, {@code filename} or {@code notebook_path} argument.
     */
    default List<String> toolCallFiles(JsonValue input) {
        return namedFiles(input);
    }

    /**
     * A stream to copy a raw transcript (as a checkpoint stores it) into, handing {@code consumer} the text each of
     * its tool calls wrote into a file, in order, with the prompt it answered; the caller closes it after the copy.
     * Empty for an agent whose transcripts do not record the text it wrote: its lines cannot be judged.
     */
    default Optional<OutputStream> recordedWrites(Consumer<RecordedWrite> consumer) {
        return Optional.empty();
    }

    /**
     * Whether a checkpoint may keep the writes {@link #recordedWrites} found in a transcript's redacted prefix and
     * read on from them (Claude Code's line-by-line transcripts, which grow longest); otherwise the whole transcript
     * is read.
     */
    default boolean writesReadOnFromPrefix() {
        return false;
    }

    /** The file a tool call's {@code input} names in one of the {@link #PATH_ARGUMENTS}, the first that is set. */
    static List<String> namedFiles(JsonValue input) {
        return PATH_ARGUMENTS.stream().map(name -> input.member(name).stringValue()).filter(path -> !path.isEmpty())
                .findFirst().map(List::of).orElse(List.of());
    }
}
