package io.entire.core.attribution;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.AddedLine;
import io.entire.core.git.Blame;
import io.entire.core.git.BlameException;
import io.entire.core.git.BlamedLine;
import io.entire.core.git.ChangedFile;
import io.entire.core.git.CommitDiff;
import io.entire.core.git.CommitInfo;
import io.entire.core.git.GitRepository;
import io.entire.core.git.LineRange;
import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import io.entire.core.model.AttributedFile;
import io.entire.core.model.InitialAttribution;
import io.entire.core.model.LineSpan;
import io.entire.core.store.CommitLinks;
import io.entire.core.store.StoreSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Line-level blame with authorship: git's blame of a file, and for each line whose commit links checkpoints, whether
 * the agent of those checkpoints wrote it. The verdicts come from each session's {@code initial_attribution}, worked
 * out when the checkpoint was written; for sessions stored without one (older checkpoints, the Go tool's, a commit
 * rewritten since) they are judged against the text the session's tool calls wrote, read from its stored transcript.
 * Uses the stores' git processes from the calling thread.
 */
public final class LineAttributor {
    private final GitRepository repository;
    private final StoreSet stores;

    public LineAttributor(GitRepository repository, StoreSet stores) {
        this.repository = requireNonNull(repository, "repository is null");
        this.stores = requireNonNull(stores, "stores is null");
    }

    /**
     * A path the user typed, relative to the working directory, as a repository-relative path; one outside the
     * repository is a {@link BlameException}.
     */
    public static String repositoryPath(Path workTree, Path workingDirectory, String typed) {
        Path resolved = workingDirectory.toAbsolutePath().resolve(typed).normalize();
        Path root = workTree.toAbsolutePath().normalize();
        if (!resolved.startsWith(root) || resolved.equals(root)) {
            throw new BlameException(typed, "not a file inside the repository " + root);
        }
        return root.relativize(resolved).toString().replace('\\', '/');
    }

    public FileAttribution attribute(String path, Optional<LineRange> range) {
        List<BlamedLine> blamed = Blame.of(repository, path, range);
        Set<ObjectId> commits = new LinkedHashSet<>();
        for (BlamedLine line : blamed) {
            if (!line.commit().isZero()) {
                commits.add(line.commit());
            }
        }
        CommitLinks links = new CommitLinks(repository, stores);
        Map<ObjectId, Linked> linked = new HashMap<>();
        Map<CheckpointId, Optional<CheckpointLines>> written = new HashMap<>();
        for (CommitInfo commit : repository.commits(commits)) {
            List<CheckpointId> ids = links.of(commit.id(), commit.message());
            linked.put(commit.id(), new Linked(commit, ids));
            ids.forEach(id -> written.computeIfAbsent(id, this::checkpointLines));
        }
        List<AttributedLine> lines = new ArrayList<>(blamed.size());
        for (BlamedLine line : blamed) {
            lines.add(attribute(line, Optional.ofNullable(linked.get(line.commit())), written));
        }
        return new FileAttribution(path, lines);
    }

    /** A blamed commit and the checkpoints linked to it, by its trailers or by a recorded link. */
    private record Linked(CommitInfo commit, List<CheckpointId> checkpoints) {
    }

    private static AttributedLine attribute(BlamedLine line, Optional<Linked> linked,
            Map<CheckpointId, Optional<CheckpointLines>> written) {
        if (line.commit().isZero()) {
            return new AttributedLine(line, LineAuthor.NOT_COMMITTED, List.of(), Optional.empty());
        }
        Optional<CommitInfo> commit = linked.map(Linked::commit);
        List<CheckpointId> checkpoints = linked.map(Linked::checkpoints).orElse(List.of());
        Optional<AgentLines.Judgement> edited = Optional.empty();
        for (CheckpointId id : checkpoints) {
            Optional<AgentLines.Judgement> judgement = written.get(id).flatMap(lines -> lines.judge(
                    commit.get().tree(), line.originalPath(), line.originalNumber(), line.content()));
            if (judgement.isPresent() && judgement.get().author() == LineAuthor.AGENT) {
                return new AttributedLine(line, LineAuthor.AGENT, checkpoints, Optional.of(judgement.get().origin()));
            }
            edited = edited.or(() -> judgement);
        }
        return edited.map(judgement -> new AttributedLine(line, judgement.author(), checkpoints,
                Optional.of(judgement.origin())))
                .orElseGet(() -> new AttributedLine(line, LineAuthor.HUMAN, checkpoints, Optional.empty()));
    }

    /**
     * Who wrote the lines each commit added, for the commits that link a checkpoint (explain's summary): from the
     * sessions' stored attributions when all of them hold for the commit, else judged against what the sessions
     * wrote, read once for all the commits.
     */
    public List<CommitAttribution> summarize(CheckpointId id, List<ObjectId> commits) {
        Optional<CheckpointLines> lines = commits.isEmpty() ? Optional.empty() : checkpointLines(id);
        if (lines.isEmpty()) {
            return List.of();
        }
        Map<ObjectId, ObjectId> trees = new HashMap<>();
        repository.commits(commits).forEach(commit -> trees.put(commit.id(), commit.tree()));
        List<CommitAttribution> attributions = new ArrayList<>(commits.size());
        for (ObjectId commit : commits) {
            ObjectId tree = trees.get(commit);
            attributions.add(tree != null && lines.get().storedFor(tree)
                    ? new CommitAttribution(commit, counts(lines.get().stored(tree)))
                    : judged(commit, lines.get().allTranscriptWrites()));
        }
        return attributions;
    }

    /** The counts of several sessions' attributions of one commit: a line any session wrote is the agent's. */
    private static List<FileLineCounts> counts(List<InitialAttribution> sessions) {
        Map<String, AttributedFile> files = new LinkedHashMap<>();
        Map<String, BitSet> agent = new HashMap<>();
        Map<String, BitSet> edited = new HashMap<>();
        for (InitialAttribution session : sessions) {
            for (AttributedFile file : session.files()) {
                files.putIfAbsent(file.path(), file);
                file.agent().forEach(span -> mark(agent.computeIfAbsent(file.path(), key -> new BitSet()), span));
                file.humanEdited().forEach(span -> mark(edited.computeIfAbsent(file.path(), key -> new BitSet()),
                        span));
            }
        }
        List<FileLineCounts> counts = new ArrayList<>(files.size());
        for (AttributedFile file : files.values()) {
            BitSet agentLines = agent.getOrDefault(file.path(), new BitSet());
            BitSet editedLines = edited.getOrDefault(file.path(), new BitSet());
            editedLines.andNot(agentLines);
            int agentCount = agentLines.cardinality();
            int editedCount = editedLines.cardinality();
            counts.add(new FileLineCounts(file.path(), agentCount, editedCount,
                    file.addedLines() - agentCount - editedCount, file.removedLines()));
        }
        return counts;
    }

    private static void mark(BitSet lines, LineSpan span) {
        lines.set(span.start(), span.end() + 1);
    }

    private CommitAttribution judged(ObjectId commit, List<AgentWrite> writes) {
        List<FileLineCounts> files = new ArrayList<>();
        for (ChangedFile file : CommitDiff.of(repository, commit)) {
            AgentLines lines = AgentLines.of(writes, file.path());
            Map<LineAuthor, Integer> counts = new EnumMap<>(LineAuthor.class);
            for (AddedLine added : file.addedLines()) {
                counts.merge(lines.judge(added.text()).map(AgentLines.Judgement::author).orElse(LineAuthor.HUMAN), 1,
                        Integer::sum);
            }
            files.add(new FileLineCounts(file.path(), counts.getOrDefault(LineAuthor.AGENT, 0),
                    counts.getOrDefault(LineAuthor.HUMAN_EDITED, 0), counts.getOrDefault(LineAuthor.HUMAN, 0),
                    file.removedLines()));
        }
        return new CommitAttribution(commit, files);
    }

    /** The checkpoint's sessions, from the store that has it; empty when none does. */
    private Optional<CheckpointLines> checkpointLines(CheckpointId id) {
        return stores.find(id).map(located -> new CheckpointLines(located.store(), located.checkpoint()));
    }
}
