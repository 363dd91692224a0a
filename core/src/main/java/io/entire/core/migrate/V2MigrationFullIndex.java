package io.entire.core.migrate;

import io.entire.core.git.BatchReader;
import io.entire.core.git.GitObject;
import io.entire.core.git.GitRepository;
import io.entire.core.git.ObjectId;
import io.entire.core.git.RefName;
import io.entire.core.git.RefTip;
import io.entire.core.git.TreeFiles;
import io.entire.core.id.CheckpointId;
import io.entire.core.store.CheckpointTree;
import io.entire.core.store.v2.Generation;
import io.entire.core.store.v2.V2Refs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which session slots of which checkpoints have raw transcripts in some {@code /full/*} ref, built once per
 * migration run from one listing of every {@code /full} tree (never a look-up per session), with each ref's
 * checkpoints and {@code generation.json}.
 */
final class V2MigrationFullIndex {
    /** One {@code /full} ref: its tip, the checkpoint folders in its tree and its generation file, if readable. */
    record FullRef(RefName ref, ObjectId tip, Set<CheckpointId> checkpoints, Optional<Generation> generation) {
        boolean isArchive() {
            return V2Refs.archiveNumber(ref).isPresent();
        }
    }

    private final List<FullRef> refs;
    private final Map<CheckpointId, Set<Integer>> slots;

    private V2MigrationFullIndex(List<FullRef> refs, Map<CheckpointId, Set<Integer>> slots) {
        this.refs = List.copyOf(refs);
        this.slots = slots;
    }

    static V2MigrationFullIndex read(GitRepository repository, BatchReader reader) {
        List<RefTip> tips = repository.refs().tips(List.of(V2Refs.FULL_PREFIX)).stream()
                .filter(tip -> tip.ref().equals(V2Refs.CURRENT) || V2Refs.archiveNumber(tip.ref()).isPresent())
                .toList();
        List<Optional<GitObject>> generations = new ArrayList<>(tips.size());
        reader.readAll(tips.stream().map(tip -> tip.tree().hex() + ":" + Generation.FILE).toList(), generations::add);
        List<FullRef> refs = new ArrayList<>(tips.size());
        Map<CheckpointId, Set<Integer>> slots = new HashMap<>();
        TreeFiles.forEach(repository, tips.stream().map(RefTip::tree).toList(), (position, files) -> {
            Set<CheckpointId> checkpoints = new LinkedHashSet<>();
            String previousSlotFolder = "";
            for (TreeFiles.File file : files) {
                // <shard>/<rest of id>/<slot>/<file>: the files of one slot come together, so parse each slot once
                String path = file.path();
                int shardEnd = path.indexOf('/');
                int idEnd = shardEnd == 2 ? path.indexOf('/', 3) : -1;
                int slotEnd = idEnd < 0 ? -1 : path.indexOf('/', idEnd + 1);
                if (slotEnd < 0 || (slotEnd == previousSlotFolder.length() && path.startsWith(previousSlotFolder))) {
                    continue;
                }
                previousSlotFolder = path.substring(0, slotEnd);
                int slot = CheckpointTree.slotNumber(path.substring(idEnd + 1, slotEnd));
                if (slot >= 0) {
                    CheckpointId.parse(path.substring(0, 2) + path.substring(3, idEnd)).ifPresent(id -> {
                        checkpoints.add(id);
                        slots.computeIfAbsent(id, key -> new HashSet<>()).add(slot);
                    });
                }
            }
            refs.add(new FullRef(tips.get(position).ref(), tips.get(position).commit(), checkpoints,
                    generations.get(position).flatMap(V2MigrationFullIndex::parseGeneration)));
        });
        return new V2MigrationFullIndex(refs, slots);
    }

    /** An unreadable {@code generation.json} is one the repair rewrites, not a failure. */
    private static Optional<Generation> parseGeneration(GitObject object) {
        try {
            return Optional.of(Generation.parse(object.content()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    boolean holds(CheckpointId id, int slot) {
        return slots.getOrDefault(id, Set.of()).contains(slot);
    }

    List<FullRef> refs() {
        return refs;
    }

    Optional<FullRef> current() {
        return refs.stream().filter(ref -> ref.ref().equals(V2Refs.CURRENT)).findFirst();
    }

    long nextArchive() {
        return refs.stream().flatMap(ref -> V2Refs.archiveNumber(ref.ref()).stream()).mapToLong(Long::longValue)
                .max().orElse(0) + 1;
    }
}
