package io.entire.core.attribution;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.claudecode.RecordedWrites;
import io.entire.core.git.Blame;
import io.entire.core.git.BlameException;
import io.entire.core.git.BlamedLine;
import io.entire.core.git.ChangedFile;
import io.entire.core.git.CommitDiff;
import io.entire.core.git.CommitInfo;
import io.entire.core.git.GitRepository;
import io.entire.core.git.LineRange;
import io.entire.core.git.MissingObjectException;
import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import io.entire.core.json.JsonLineSink;
import io.entire.core.store.CheckpointStore;
import io.entire.core.store.StoreSet;
import io.entire.core.store.StoredSession;
import io.entire.core.trailers.Trailers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Line-level blame with authorship: git's blame of a file, and for each line whose commit links checkpoints, whether
 * the agent of those checkpoints wrote it, judged against the text its tool calls wrote into the file (read from the
 * stored transcripts at each call). Uses the stores' git processes from the calling thread.
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
        Map<ObjectId, List<CheckpointId>> linked = new HashMap<>();
        Map<CheckpointId, AgentLines> written = new HashMap<>();
        for (CommitInfo commit : repository.commits(commits)) {
            List<CheckpointId> ids = Trailers.checkpointIds(commit.message());
            linked.put(commit.id(), ids);
            for (CheckpointId id : ids) {
                written.computeIfAbsent(id, key -> AgentLines.of(writes(key), path));
            }
        }
        List<AttributedLine> lines = new ArrayList<>(blamed.size());
        for (BlamedLine line : blamed) {
            lines.add(attribute(line, linked.getOrDefault(line.commit(), List.of()), written));
        }
        return new FileAttribution(path, lines);
    }

    private static AttributedLine attribute(BlamedLine line, List<CheckpointId> checkpoints,
            Map<CheckpointId, AgentLines> written) {
        if (line.commit().isZero()) {
            return new AttributedLine(line, LineAuthor.NOT_COMMITTED, List.of(), Optional.empty());
        }
        Optional<AgentLines.Judgement> edited = Optional.empty();
        for (CheckpointId id : checkpoints) {
            Optional<AgentLines.Judgement> judgement = written.get(id).judge(line.content());
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
     * Who wrote the lines each commit added, for the commits that link a checkpoint (explain's summary), judged
     * against what the checkpoint's sessions wrote, read once for all the commits.
     */
    public List<CommitAttribution> summarize(CheckpointId id, List<ObjectId> commits) {
        if (commits.isEmpty()) {
            return List.of();
        }
        List<AgentWrite> writes = writes(id);
        List<CommitAttribution> attributions = new ArrayList<>(commits.size());
        for (ObjectId commit : commits) {
            List<FileLineCounts> files = new ArrayList<>();
            for (ChangedFile file : CommitDiff.of(repository, commit)) {
                AgentLines lines = AgentLines.of(writes, file.path());
                Map<LineAuthor, Integer> counts = new EnumMap<>(LineAuthor.class);
                for (String added : file.addedLines()) {
                    counts.merge(lines.judge(added).map(AgentLines.Judgement::author).orElse(LineAuthor.HUMAN), 1,
                            Integer::sum);
                }
                files.add(new FileLineCounts(file.path(), counts.getOrDefault(LineAuthor.AGENT, 0),
                        counts.getOrDefault(LineAuthor.HUMAN_EDITED, 0), counts.getOrDefault(LineAuthor.HUMAN, 0),
                        file.removedLines()));
            }
            attributions.add(new CommitAttribution(commit, files));
        }
        return attributions;
    }

    /**
     * What the checkpoint's sessions wrote into files; nothing when no store has the checkpoint, nor from a session
     * whose transcript is missing from the repository.
     */
    private List<AgentWrite> writes(CheckpointId id) {
        List<AgentWrite> writes = new ArrayList<>();
        stores.find(id).ifPresent(located -> {
            CheckpointStore store = located.store();
            for (StoredSession session : located.checkpoint().sessions()) {
                if (!session.hasTranscript()) {
                    continue;
                }
                try (JsonLineSink transcript = RecordedWrites.sink(write -> writes.add(new AgentWrite(write,
                        new AgentOrigin(id, session.metadata().sessionId(), session.metadata().agent(),
                                write.prompt()))))) {
                    store.copyTranscript(located.checkpoint(), session, transcript);
                } catch (MissingObjectException e) {
                    // A partial clone that cannot fetch the transcript: what it holds cannot be judged, the rest can.
                }
            }
        });
        return writes;
    }
}
