package io.entire.core.migrate;

import io.entire.core.id.CheckpointId;
import io.entire.core.migrate.V2MigrationPlan.FullRefEdit;
import io.entire.core.store.v2.Generation;
import io.entire.core.store.v2.V2Refs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Edits of existing {@code /full} refs a migration makes: with {@code --force}, the v1 checkpoints are pruned from
 * every generation (an archive left empty is deleted) so that repacking them duplicates nothing; when the run packs
 * something, archives whose {@code generation.json} does not match their tree are repaired.
 */
final class V2MigrationGenerations {
    private final V2MigrationFullIndex index;
    private final Set<CheckpointId> v1;
    private final V2MigrationPlanner.Scope scope;

    V2MigrationGenerations(V2MigrationFullIndex index, Set<CheckpointId> v1, V2MigrationPlanner.Scope scope) {
        this.index = index;
        this.v1 = Set.copyOf(v1);
        this.scope = scope;
    }

    List<FullRefEdit> prunes() {
        List<FullRefEdit> prunes = new ArrayList<>();
        if (scope == V2MigrationPlanner.Scope.EVERYTHING) {
            for (V2MigrationFullIndex.FullRef ref : index.refs()) {
                prune(ref).ifPresent(prunes::add);
            }
        }
        return prunes;
    }

    private Optional<FullRefEdit> prune(V2MigrationFullIndex.FullRef ref) {
        List<CheckpointId> remove = ref.checkpoints().stream().filter(v1::contains).toList();
        Generation generation = ref.generation().orElse(Generation.EMPTY);
        if (remove.isEmpty() && generation.checkpoints().stream().noneMatch(v1::contains)) {
            return Optional.empty();
        }
        List<CheckpointId> remaining = generation.checkpoints().stream().filter(id -> !v1.contains(id)).toList();
        // Times of checkpoints that are not in v1 are not known here; the old span still covers them.
        Generation pruned = remaining.isEmpty() ? Generation.EMPTY
                : new Generation(remaining, generation.oldest(), generation.newest());
        boolean empty = ref.checkpoints().stream().allMatch(v1::contains);
        return Optional.of(new FullRefEdit(ref.ref(), ref.tip(), remove, pruned,
                empty && ref.isArchive() ? FullRefEdit.DeleteRef.YES : FullRefEdit.DeleteRef.NO));
    }

    Generation currentAfterPrune() {
        Optional<V2MigrationFullIndex.FullRef> current = index.current();
        if (current.isEmpty()) {
            return Generation.EMPTY;
        }
        return prunes().stream().filter(edit -> edit.ref().equals(V2Refs.CURRENT)).findFirst()
                .map(FullRefEdit::generation).orElseGet(() -> current.get().generation().orElse(Generation.EMPTY));
    }

    /**
     * Archives (not the current generation, not those pruned) whose {@code generation.json} is missing, lists other
     * checkpoints than the tree holds, or lacks the time span: rewritten with the tree's checkpoints (listed order
     * kept) and the span of their creation times.
     */
    List<FullRefEdit> repairs(Function<CheckpointId, Optional<Instant>> creationTime) {
        Set<V2MigrationFullIndex.FullRef> pruned = new HashSet<>();
        List<FullRefEdit> prunes = prunes();
        for (V2MigrationFullIndex.FullRef ref : index.refs()) {
            if (prunes.stream().anyMatch(edit -> edit.ref().equals(ref.ref()))) {
                pruned.add(ref);
            }
        }
        List<FullRefEdit> repairs = new ArrayList<>();
        for (V2MigrationFullIndex.FullRef ref : index.refs()) {
            if (!ref.isArchive() || pruned.contains(ref)) {
                continue;
            }
            Generation stored = ref.generation().orElse(Generation.EMPTY);
            Set<CheckpointId> held = ref.checkpoints();
            boolean matches = ref.generation().isPresent() && Set.copyOf(stored.checkpoints()).equals(held)
                    && stored.checkpoints().size() == held.size()
                    && (held.isEmpty() || (stored.oldest().isPresent() && stored.newest().isPresent()));
            if (!matches) {
                repairs.add(new FullRefEdit(ref.ref(), ref.tip(), List.of(), repaired(stored, held, creationTime),
                        FullRefEdit.DeleteRef.NO));
            }
        }
        return repairs;
    }

    private static Generation repaired(Generation stored, Set<CheckpointId> held,
            Function<CheckpointId, Optional<Instant>> creationTime) {
        Set<CheckpointId> ids = new LinkedHashSet<>();
        stored.checkpoints().stream().filter(held::contains).forEach(ids::add);
        ids.addAll(held);
        Generation generation = Generation.EMPTY;
        for (CheckpointId id : ids) {
            Optional<Instant> time = creationTime.apply(id);
            if (time.isPresent()) {
                generation = generation.with(id, time.get());
            }
        }
        return new Generation(List.copyOf(ids), generation.oldest().or(stored::oldest),
                generation.newest().or(stored::newest));
    }
}
