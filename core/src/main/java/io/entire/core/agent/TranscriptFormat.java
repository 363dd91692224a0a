package io.entire.core.agent;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * How an agent's transcripts are read: where a part starts and ends ({@link TranscriptPosition}), what a part holds
 * (prompts, files written, tokens, model), its compact form. Unreadable lines are skipped and counted; a transcript
 * that cannot be read at all is an {@link io.entire.core.EntireException} naming it.
 */
public interface TranscriptFormat {
    /** What this agent's positions count. */
    TranscriptPosition.Unit unit();

    /** The position {@code value} in this format's unit. */
    default TranscriptPosition position(long value) {
        return new TranscriptPosition(unit(), value);
    }

    /** Where {@code transcript} ends now, where a turn starting now begins; the start when there is no file. */
    TranscriptPosition end(Path transcript);

    /** The part of {@code transcript} after {@code from}, analyzed; file paths relative to {@code workTree}. */
    TranscriptAnalysis analyze(Path transcript, TranscriptPosition from, Path workTree);

    /**
     * The files the part after {@code from} wrote, as {@link TranscriptAnalysis#filesTouched()} lists them, reading no
     * more than that needs: light hooks ask this of other sessions' transcripts.
     */
    List<String> filesWritten(Path transcript, TranscriptPosition from, Path workTree);

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
}
