package io.entire.core.store;

import io.entire.core.git.BatchReader;
import io.entire.core.git.GitObject;
import io.entire.core.git.GitRepository;
import io.entire.core.git.ObjectId;
import io.entire.core.git.RefName;
import io.entire.core.git.RefTip;
import io.entire.core.git.TreeFiles;
import io.entire.core.id.CheckpointId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which session slots of which checkpoints have raw transcripts in some {@code /full/*} ref, built once per
 * migration run from one listing of every {@code /full} tree (never a look-up per session), with each ref's
 * checkpoints and {@code generation.json}.
 */
final class V2MigrationFullIndex {
    private static final Pattern SLOT = Pattern.compile("0|[1-9][0-9]{0,5}");

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
        List<RefTip> tips = repository.listRefTips(List.of(V2Refs.FULL_PREFIX)).stream()
                .filter(tip -> tip.ref().equals(V2Refs.CURRENT) || V2Refs.archiveNumber(tip.ref()).isPresent())
                .toList();
        List<Optional<GitObject>> generations = new ArrayList<>(tips.size());
        reader.readAll(tips.stream().map(tip -> tip.tree().hex() + ":" + Generation.FILE).toList(), generations::add);
        List<List<TreeFiles.File>> listings = TreeFiles.list(repository, tips.stream().map(RefTip::tree).toList());
        List<FullRef> refs = new ArrayList<>(tips.size());
        Map<CheckpointId, Set<Integer>> slots = new HashMap<>();
        for (int i = 0; i < tips.size(); i++) {
            Set<CheckpointId> checkpoints = new LinkedHashSet<>();
            for (TreeFiles.File file : listings.get(i)) {
                String[] path = file.path().split("/");
                if (path.length >= 4 && path[0].length() == 2 && SLOT.matcher(path[2]).matches()) {
                    CheckpointId.parse(path[0] + path[1]).ifPresent(id -> {
                        checkpoints.add(id);
                        slots.computeIfAbsent(id, key -> new HashSet<>()).add(Integer.parseInt(path[2]));
                    });
                }
            }
            refs.add(new FullRef(tips.get(i).ref(), tips.get(i).commit(), checkpoints,
                    generations.get(i).flatMap(V2MigrationFullIndex::parseGeneration)));
        }
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
