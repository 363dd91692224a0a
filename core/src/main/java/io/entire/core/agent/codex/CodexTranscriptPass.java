package io.entire.core.agent.codex;

import static java.util.Objects.requireNonNull;

import io.entire.core.Log;
import io.entire.core.agent.Subagent;
import io.entire.core.agent.TranscriptAnalysis;
import io.entire.core.agent.TranscriptPass;
import io.entire.core.agent.TranscriptPosition;
import io.entire.core.json.JsonValue;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The rollout lines after the start, each parsed once for the compact transcript and the analysis. */
final class CodexTranscriptPass implements TranscriptPass {
    private static final System.Logger LOG = Log.of(CodexTranscriptPass.class);
    /** What a stored task folder or file may be named after. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final DateTimeFormatter DAY_FOLDER = DateTimeFormatter.ofPattern("uuuu/MM/dd");

    private final long startLine;
    private final CodexCompactTranscript compact;
    private final CodexRollout.Analyzer analyzer;
    private final List<Spawn> spawns = new ArrayList<>();
    private Optional<String> lastTimestamp = Optional.empty();

    CodexTranscriptPass(long startLine, Path workTree, OutputStream compact, String cliVersion) {
        if (startLine < 0) {
            throw new IllegalArgumentException("negative start line " + startLine);
        }
        this.startLine = startLine;
        this.compact = new CodexCompactTranscript(requireNonNull(compact, "compact is null"), cliVersion);
        this.analyzer = new CodexRollout.Analyzer(startLine, workTree);
    }

    @Override
    public boolean wants(long lineNumber) {
        return lineNumber > startLine;
    }

    @Override
    public void accept(JsonValue line, long lineNumber) {
        compact.accept(line);
        analyzer.accept(line);
        JsonValue payload = line.member("payload");
        if (line.member("type").stringValue().equals("event_msg")
                && payload.member("type").stringValue().equals("item_completed")) {
            JsonValue item = payload.member("item");
            if (item.member("type").stringValue().equals("CollabAgentToolCall")
                    && item.member("tool").stringValue().equals("spawn_agent")) {
                for (JsonValue child : item.member("receiver_thread_ids").elements()) {
                    spawns.add(new Spawn(item.member("id").stringValue(), child.stringValue()));
                }
            }
        }
    }

    @Override
    public void skip(long lineNumber) {
        analyzer.skip();
    }

    @Override
    public TranscriptAnalysis finish(long lineCount) {
        compact.finish();
        RolloutAnalysis result = analyzer.result(lineCount);
        lastTimestamp = result.lastTimestamp();
        return analysis(result);
    }

    /**
     * The part's {@code spawn_agent} calls, each with the child thread Codex reported for it ({@code item_completed}
     * of a {@code CollabAgentToolCall}); the child writes its own rollout, named by its thread id, in the folder of
     * the day it started: the parent's, or a later one when it started after midnight.
     */
    @Override
    public List<Subagent> subagents(Path transcript) {
        List<Subagent> subagents = new ArrayList<>();
        for (Spawn spawn : spawns) {
            if (NAME.matcher(spawn.callId()).matches() && NAME.matcher(spawn.childThreadId()).matches()) {
                subagents.add(new Subagent(spawn.callId(), spawn.childThreadId(), "",
                        childRollout(transcript, spawn.childThreadId())));
            }
        }
        return subagents;
    }

    /**
     * The child's rollout in the parent's folder, else in the day folders after it ({@code sessions/YYYY/MM/DD}, in
     * Codex's local time) up to the last day it can have started on.
     */
    private Optional<Path> childRollout(Path parent, String childThreadId) {
        Path directory = parent.toAbsolutePath().getParent();
        Optional<Path> beside = rolloutIn(directory, childThreadId);
        Optional<LocalDate> parentDay = dayOf(directory);
        if (beside.isPresent() || parentDay.isEmpty()) {
            return beside;
        }
        Path sessions = directory.getParent().getParent().getParent();
        LocalDate lastDay = lastDay(parentDay.get());
        for (LocalDate day = parentDay.get().plusDays(1); !day.isAfter(lastDay); day = day.plusDays(1)) {
            Optional<Path> found = rolloutIn(sessions.resolve(DAY_FOLDER.format(day)), childThreadId);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * The last day a child of this part can have started on in Codex's local time, whatever its zone: the day after
     * the part's last line in UTC (the checkpoint's day), or after the parent's day when no line had a time.
     */
    private LocalDate lastDay(LocalDate parentDay) {
        try {
            return lastTimestamp.map(time -> Instant.parse(time).atOffset(ZoneOffset.UTC).toLocalDate())
                    .orElse(parentDay).plusDays(1);
        } catch (DateTimeParseException unreadable) {
            return parentDay.plusDays(1);
        }
    }

    /** The day of a folder {@code .../YYYY/MM/DD}; empty for any other folder. */
    private static Optional<LocalDate> dayOf(Path directory) {
        Path month = directory.getParent();
        Path year = month == null ? null : month.getParent();
        if (year == null || year.getParent() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(year.getFileName() + "/" + month.getFileName() + "/"
                    + directory.getFileName(), DAY_FOLDER));
        } catch (DateTimeParseException notADay) {
            return Optional.empty();
        }
    }

    private static Optional<Path> rolloutIn(Path directory, String childThreadId) {
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> rollouts = Files.newDirectoryStream(directory, "rollout-*-" + childThreadId
                + ".jsonl")) {
            Iterator<Path> found = rollouts.iterator();
            return found.hasNext() ? Optional.of(found.next()) : Optional.empty();
        } catch (IOException e) {
            // The subagent is still recorded, without its transcript: the parent's checkpoint matters more.
            LOG.log(System.Logger.Level.WARNING, "could not look for subagent rollout " + childThreadId + " in "
                    + directory + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** A {@code spawn_agent} call and the thread it started. */
    private record Spawn(String callId, String childThreadId) {
    }

    static TranscriptAnalysis analysis(RolloutAnalysis rollout) {
        return new TranscriptAnalysis(rollout.prompts(), rollout.filesTouched(), rollout.tokenUsage(),
                rollout.model().orElse(""), rollout.turnCount(), new TranscriptPosition(TranscriptPosition.Unit.LINE,
                        rollout.lineCount()), rollout.lineCount(), rollout.skippedLines(), rollout.firstTimestamp(),
                rollout.lastTimestamp(), rollout.sessionIdInRollout());
    }
}
