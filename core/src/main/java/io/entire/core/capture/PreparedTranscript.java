package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.Background;
import io.entire.core.Log;
import io.entire.core.ScratchFiles;
import io.entire.core.ScratchSpace;
import io.entire.core.agent.Subagent;
import io.entire.core.agent.TranscriptAnalysis;
import io.entire.core.agent.TranscriptFormat;
import io.entire.core.agent.TranscriptPass;
import io.entire.core.agent.TranscriptPosition;
import io.entire.core.attribution.TranscriptWrites;
import io.entire.core.git.ObjectWriter;
import io.entire.core.json.JsonLinesReader;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonValue;
import io.entire.core.json.LineTooLongException;
import io.entire.core.redact.RedactionResult;
import io.entire.core.redact.RedactionRules;
import io.entire.core.redact.Redactor;
import io.entire.core.store.TranscriptChunks;
import io.entire.core.store.TranscriptPrefix;
import io.entire.core.store.TranscriptTooLargeException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A session transcript made ready to store: redacted as a whole (the stored {@code full.jsonl}), its compact form and
 * its analysis from the checkpoint's start on. One pass over the transcript makes all three: each line is redacted,
 * written, and (each line the agent's {@link TranscriptPass} wants) parsed once, on a second thread, for both the
 * compact form and the analysis. The two files are scratch files in a {@link ScratchSpace} of their own; close to
 * delete them.
 */
final class PreparedTranscript implements AutoCloseable {
    private static final System.Logger LOG = Log.of(PreparedTranscript.class);
    private static final int BUFFER = 1 << 16;

    private final ScratchSpace space;
    private final Path redacted;
    private final Path compact;
    private final TranscriptAnalysis analysis;
    private final RedactionResult redaction;
    private final List<Subagent> subagents;
    private final Optional<Growth> growth;

    private PreparedTranscript(ScratchSpace space, Path redacted, Path compact, TranscriptAnalysis analysis,
            RedactionResult redaction, List<Subagent> subagents, Optional<Growth> growth) {
        this.space = space;
        this.redacted = redacted;
        this.compact = compact;
        this.analysis = analysis;
        this.redaction = redaction;
        this.subagents = List.copyOf(subagents);
        this.growth = growth;
    }

    /**
     * A transcript prepared after a cached prefix: the cache, the prefix as it was, what was added to it, and the
     * chunks of the whole being written.
     */
    private record Growth(RedactionCache cache, RedactedPrefix before, IncrementalRedaction.Result added,
            Background<TranscriptChunks.Written> chunks) {
    }

    /**
     * Prepares {@code transcript} (or an empty one when the agent never wrote it), in {@code format}, from
     * {@code start} on, in a {@link ScratchSpace} of {@code scratch} (which also removes what interrupted runs left
     * there), redacted with the project's {@code rules} too.
     */
    static PreparedTranscript prepare(TranscriptFormat format, Optional<Path> transcript, TranscriptPosition start,
            Path scratch, Path workTree, String cliVersion, RedactionRules rules) {
        return prepare(format, transcript, start, scratch, workTree, cliVersion, rules,
                JsonLinesReader.DEFAULT_MAX_LINE_LENGTH);
    }

    /**
     * As {@link #prepare(TranscriptFormat, Optional, TranscriptPosition, Path, Path, String, RedactionRules)}, with
     * lines of at most
     * {@code maxLineLength} bytes: a longer one is a {@link TranscriptTooLargeException} naming {@code transcript},
     * and no scratch file is left.
     */
    static PreparedTranscript prepare(TranscriptFormat format, Optional<Path> transcript, TranscriptPosition start,
            Path scratch, Path workTree, String cliVersion, RedactionRules rules, int maxLineLength) {
        requireNonNull(format, "format is null");
        requireNonNull(rules, "rules is null");
        requireNonNull(transcript, "transcript is null");
        requireNonNull(start, "start is null");
        try {
            ScratchSpace space = ScratchSpace.open(scratch);
            try {
                Path redacted = ScratchFiles.create(space.directory(), "transcript", ".jsonl");
                Path compact = ScratchFiles.create(space.directory(), "compact", ".jsonl");
                RedactionResult redaction = new RedactionResult(0, 0, 0);
                // Buffered: both are written a line at a time, two writes a line, 1,400 system calls per MB.
                try (OutputStream compactOut = new BufferedOutputStream(Files.newOutputStream(compact), BUFFER)) {
                    TranscriptPass pass = format.startPass(start, workTree, compactOut, cliVersion);
                    if (transcript.isPresent() && Files.isRegularFile(transcript.get())) {
                        redaction = redactAndParse(transcript.get(), redacted, pass,
                                new Redactor(maxLineLength, rules));
                    }
                    TranscriptAnalysis analysis = pass.finish(redaction.linesIn());
                    List<Subagent> subagents = transcript.map(pass::subagents).orElse(List.of());
                    return new PreparedTranscript(space, redacted, compact, analysis, redaction, subagents,
                            Optional.empty());
                }
            } catch (LineTooLongException e) {
                close(space);
                throw new TranscriptTooLargeException(transcript.orElseThrow(), e.lineNumber(), e.limit());
            } catch (IOException | RuntimeException e) {
                close(space);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("preparing transcript " + transcript.map(Path::toString).orElse("(none)"),
                    e);
        }
    }

    /**
     * As {@link #prepare(TranscriptFormat, Optional, TranscriptPosition, Path, Path, String, RedactionRules)}, for a
     * session whose redacted prefix {@code cache} keeps: only what an append-only transcript (cut by lines) gained
     * since is redacted, appended to the cache's file, which is then {@link #redacted()}; byte for byte what the whole
     * file's redaction gives. Any other transcript is prepared in full. Its chunks, reusing the prefix's, are written
     * with {@code chunks} through the caller's {@code writer} on a thread of their own, while the last lines are
     * parsed: the caller leaves the writer to that thread until {@link #chunks} returns or this is closed (its git
     * processes would cost a second set ~2 ms of CPU). {@link #keep} keeps the grown prefix once the checkpoint is
     * written.
     */
    static PreparedTranscript prepare(TranscriptFormat format, Optional<Path> transcript, TranscriptPosition start,
            Path scratch, Path workTree, String cliVersion, RedactionRules rules, RedactionCache cache,
            TranscriptChunks chunks, ObjectWriter writer) {
        requireNonNull(cache, "cache is null");
        requireNonNull(chunks, "chunks is null");
        requireNonNull(writer, "writer is null");
        if (format.unit() != TranscriptPosition.Unit.LINE || transcript.isEmpty()
                || !Files.isRegularFile(transcript.get())) {
            return prepare(format, transcript, start, scratch, workTree, cliVersion, rules);
        }
        Path source = transcript.get();
        Optional<Background<TranscriptChunks.Written>> written = Optional.empty();
        try {
            ScratchSpace space = ScratchSpace.open(scratch);
            try {
                RedactedPrefix before = cache.load(source);
                Path compact = ScratchFiles.create(space.directory(), "compact", ".jsonl");
                try (OutputStream compactOut = new BufferedOutputStream(Files.newOutputStream(compact), BUFFER)) {
                    TranscriptPass pass = format.startPass(start, workTree, compactOut, cliVersion);
                    IncrementalRedaction.Result added;
                    try (LineHandoff handoff = LineHandoff.start("transcript-parsing", parser(pass))) {
                        added = IncrementalRedaction.redactAfter(source, before, start.value(),
                                cache.redactedFile(), pass, new Redactor(rules), handoff);
                        // The redacted file is whole: git compresses its chunks on the other core meanwhile.
                        TranscriptPrefix known = new TranscriptPrefix(added.stableHash(), before.stored().chunks());
                        written = Optional.of(Background.start("transcript-chunks",
                                () -> chunks.write(cache.redactedFile(), known, writer)));
                        handoff.finish();
                    } catch (LineTooLongException e) {
                        throw new TranscriptTooLargeException(source, before.end().lines() + e.lineNumber(),
                                e.limit());
                    }
                    TranscriptAnalysis analysis = pass.finish(added.lineCount());
                    return new PreparedTranscript(space, cache.redactedFile(), compact, analysis, added.redaction(),
                            pass.subagents(source), Optional.of(new Growth(cache, before, added, written.get())));
                }
            } catch (IOException | RuntimeException e) {
                // Its git process reads the file the caller may change, through the writer the caller gets back.
                written.ifPresent(Background::awaitEnd);
                close(space);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("preparing transcript " + source, e);
        }
    }

    /**
     * The transcript's chunks in the object database (those of the cached prefix taken as they are), once written;
     * empty for a transcript prepared in full, which the stores write themselves.
     */
    Optional<TranscriptChunks.Written> chunks() {
        return growth.map(grown -> grown.chunks().join());
    }

    /**
     * Once the checkpoint holding {@code written} is stored: keeps the grown prefix for the next checkpoint, with
     * {@code writes} read up to its end ({@link #recordedWrites}), or those the prefix had when none were read.
     */
    void keep(TranscriptChunks chunks, TranscriptChunks.Written written, Optional<KeptWrites> writes) {
        growth.ifPresent(grown -> grown.cache().save(grown.before().grownBy(grown.added().segment(),
                chunks.prefix(written, grown.added().stableHash()), writes.orElse(grown.before().writes()))));
    }

    /** The agent's writes the redacted transcript records, and what of them to keep with the grown prefix. */
    record Writes(TranscriptWrites all, Optional<KeptWrites> toKeep) {
        Writes {
            requireNonNull(all, "all is null");
            requireNonNull(toKeep, "toKeep is null");
        }
    }

    /**
     * The agent's writes {@link #redacted()} records (in Claude Code's format): after a cached prefix, read on from
     * those kept with it, so that only the new lines are parsed, and given back up to the new prefix's end to keep
     * (as the text the prefix keeps, made here: attribution runs this on a thread of its own).
     */
    Writes recordedWrites() {
        try {
            long size = Files.size(redacted);
            if (growth.isEmpty()) {
                return new Writes(TranscriptWrites.NONE.readOn(redacted, size), Optional.empty());
            }
            RedactedPrefix before = growth.get().before();
            TranscriptWrites stable = before.writes().read(before.end().redactedEnd()).readOn(redacted,
                    growth.get().added().segment().redactedEnd());
            return new Writes(stable.readOn(redacted, size), Optional.of(KeptWrites.of(stable)));
        } catch (IOException e) {
            throw new UncheckedIOException("reading transcript " + redacted, e);
        }
    }

    /** Parses each line handed over (after redaction) for the pass. */
    private static Redactor.LineSink parser(TranscriptPass pass) {
        JsonReader json = new JsonReader();
        return (line, length, number) -> {
            Optional<JsonValue> parsed = json.findValue(line, 0, length);
            if (parsed.isPresent()) {
                pass.accept(parsed.get(), number);
            } else {
                pass.skip(number);
            }
        };
    }

    /** One pass: each line redacted and written to {@code redacted}, and those the pass wants parsed on a thread. */
    private static RedactionResult redactAndParse(Path transcript, Path redacted, TranscriptPass pass,
            Redactor redactor) throws IOException {
        Redactor.LineSink parse = parser(pass);
        // Redaction here, parsing on a thread of its own: each took about half of the time.
        try (InputStream in = Files.newInputStream(transcript);
                OutputStream out = new BufferedOutputStream(Files.newOutputStream(redacted), BUFFER);
                LineHandoff handoff = LineHandoff.start("transcript-parsing", parse)) {
            RedactionResult redaction = redactor.redactJsonl(in, out, (line, length, number) -> {
                if (pass.wants(number) && !JsonLinesReader.isBlank(line, length)) {
                    handoff.accept(line, length, number);
                }
            });
            handoff.finish();
            return redaction;
        }
    }

    Path redacted() {
        return redacted;
    }

    Path compact() {
        return compact;
    }

    TranscriptAnalysis analysis() {
        return analysis;
    }

    /** What redacting the transcript did; prepared after a cached prefix, what redacting the lines after it did. */
    RedactionResult redaction() {
        return redaction;
    }

    /** The subagents the part launched. */
    List<Subagent> subagents() {
        return subagents;
    }

    @Override
    public void close() {
        growth.ifPresent(grown -> grown.chunks().awaitEnd());
        close(space);
    }

    private static void close(ScratchSpace space) {
        try {
            space.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not remove scratch folder " + space.directory() + ": " + e.getMessage()
                    + " (the next checkpoint written removes it)");
        }
    }
}
