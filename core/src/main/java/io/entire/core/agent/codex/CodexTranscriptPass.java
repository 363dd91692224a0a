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

    private final long startLine;
    private final CodexCompactTranscript compact;
    private final CodexRollout.Analyzer analyzer;
    private final List<Spawn> spawns = new ArrayList<>();

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
        return analysis(analyzer.result(lineCount));
    }

    /**
     * The part's {@code spawn_agent} calls, each with the child thread Codex reported for it ({@code item_completed}
     * of a {@code CollabAgentToolCall}); the child writes its own rollout, named by its thread id, beside the
     * parent's.
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

    private static Optional<Path> childRollout(Path parent, String childThreadId) {
        Path directory = parent.toAbsolutePath().getParent();
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
