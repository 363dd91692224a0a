package io.entire.core.attribution;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.RecordedWrite;
import io.entire.core.agent.TranscriptFormat;
import io.entire.core.git.AddedLine;
import io.entire.core.git.ChangedFile;
import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import io.entire.core.model.AttributedFile;
import io.entire.core.model.InitialAttribution;
import io.entire.core.model.LineSpan;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * Works out a session's {@link InitialAttribution} for the commit its checkpoint is written for: each line the commit
 * added is judged against the text the session's tool calls wrote into that file, as blame judges it.
 */
public final class InitialAttributionCalculator {
    private final List<ChangedFile> changes;
    private final ObjectId tree;

    /** @param changes what the commit changed against its first parent; {@code tree} is the commit's tree */
    public InitialAttributionCalculator(List<ChangedFile> changes, ObjectId tree) {
        this.changes = List.copyOf(changes);
        this.tree = requireNonNull(tree, "tree is null");
    }

    /**
     * The attribution of one session from its redacted transcript, read by its agent's {@code format}; empty for an
     * agent whose transcripts do not record the text it wrote, so readers fall back to what they can find.
     */
    public Optional<InitialAttribution> forSession(TranscriptFormat format, Path transcript, CheckpointId checkpoint,
            SessionId session, Instant now) {
        List<RecordedWrite> read = new ArrayList<>();
        Optional<OutputStream> recorded = format.recordedWrites(read::add);
        if (recorded.isEmpty()) {
            return Optional.empty();
        }
        if (!addsLines()) {
            return Optional.of(attribute(read, checkpoint, session, now));   // no line to judge: nothing to read
        }
        try (OutputStream sink = recorded.get(); InputStream in = Files.newInputStream(transcript)) {
            in.transferTo(sink);
        } catch (IOException e) {
            throw new UncheckedIOException("reading transcript " + transcript, e);
        }
        return Optional.of(attribute(read, checkpoint, session, now));
    }

    /**
     * As {@link #forSession(TranscriptFormat, Path, CheckpointId, SessionId, Instant)}, from the writes a transcript
     * records, read on from the part kept with its redacted prefix (Claude Code's, whose transcripts can grow long).
     */
    public InitialAttribution forSession(Supplier<TranscriptWrites> recorded, CheckpointId checkpoint,
            SessionId session, Instant now) {
        return attribute(recorded.get().writes(), checkpoint, session, now);
    }

    private boolean addsLines() {
        for (ChangedFile file : changes) {
            if (!file.addedLines().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private InitialAttribution attribute(List<RecordedWrite> recorded, CheckpointId checkpoint, SessionId session,
            Instant now) {
        List<AgentWrite> writes = new ArrayList<>();
        for (RecordedWrite write : recorded) {
            writes.add(new AgentWrite(write, new AgentOrigin(checkpoint, session, Optional.empty(), write.prompt())));
        }
        Map<String, Integer> prompts = new LinkedHashMap<>();
        List<AttributedFile> files = new ArrayList<>(changes.size());
        for (ChangedFile file : changes) {
            AgentLines lines = AgentLines.of(writes, file.path());
            Spans agent = new Spans();
            Spans edited = new Spans();
            for (AddedLine added : file.addedLines()) {
                lines.judge(added.text()).ifPresent(judgement -> {
                    OptionalInt prompt = judgement.origin().prompt()
                            .map(text -> OptionalInt.of(prompts.computeIfAbsent(text, key -> prompts.size())))
                            .orElse(OptionalInt.empty());
                    (judgement.author() == LineAuthor.AGENT ? agent : edited).add(added.number(), prompt);
                });
            }
            files.add(new AttributedFile(file.path(), file.addedLines().size(), file.removedLines(), agent.spans(),
                    edited.spans()));
        }
        return new InitialAttribution(now, tree.hex(), List.copyOf(prompts.keySet()), files);
    }

    /** Lines in ascending order gathered into spans of consecutive lines from the same prompt. */
    private static final class Spans {
        private final List<LineSpan> spans = new ArrayList<>();
        private int start;
        private int end;
        private OptionalInt prompt = OptionalInt.empty();

        void add(int line, OptionalInt linePrompt) {
            if (start > 0 && line == end + 1 && linePrompt.equals(prompt)) {
                end = line;
                return;
            }
            flush();
            start = line;
            end = line;
            prompt = linePrompt;
        }

        List<LineSpan> spans() {
            flush();
            return spans;
        }

        private void flush() {
            if (start > 0) {
                spans.add(new LineSpan(start, end, prompt));
                start = 0;
            }
        }
    }
}
