package io.entire.core.agent;

import io.entire.core.json.JsonValue;
import java.nio.file.Path;
import java.util.List;

/**
 * One streaming pass over a transcript while a checkpoint stores it: the writer reads, redacts and stores every line,
 * and hands the lines this pass {@linkplain #wants wants}, parsed, in order, on one thread. The pass writes the part's
 * compact transcript as it goes and, at the end, gives the part's analysis and subagents. Single use; {@link #wants}
 * is asked on the reading thread, {@link #accept} and {@link #skip} come on the parsing thread, {@link #finish} and
 * {@link #subagents} once every line was handled.
 */
public interface TranscriptPass {
    /**
     * Whether line {@code lineNumber} (1-based) must be parsed and handed in: a transcript cut by lines wants only the
     * lines after its start; one cut by messages wants every line, to replay the rewrites.
     */
    boolean wants(long lineNumber);

    /** A wanted line, parsed (after redaction). */
    void accept(JsonValue line, long lineNumber);

    /** A wanted line that is not JSON: skipped and counted, never fatal. */
    void skip(long lineNumber);

    /**
     * Ends the pass over a transcript of {@code lineCount} lines: flushes the compact transcript and returns the
     * analysis of the part; its {@link TranscriptAnalysis#end()} is where the next part starts.
     */
    TranscriptAnalysis finish(long lineCount);

    /** The subagents the part launched, each with its transcript when it is beside {@code transcript}. */
    List<Subagent> subagents(Path transcript);
}
