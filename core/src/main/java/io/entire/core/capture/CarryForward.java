package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.GitObject;
import io.entire.core.git.GitRepository;
import io.entire.core.git.GitWorkers;
import io.entire.core.git.ObjectId;
import io.entire.core.git.TreeEntry;
import io.entire.core.model.TokenUsage;
import io.entire.core.session.SessionState;
import io.entire.core.session.Step;
import io.entire.core.store.shadow.ShadowBranches;
import io.entire.core.store.shadow.StepMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Moves a session's uncommitted work onto a new HEAD: the files it touched whose work-tree content still differs from
 * HEAD's (not committed, or committed only in part) are snapshotted onto HEAD's shadow branch and become the session's
 * single remaining step. Files that HEAD now holds as they are in the work tree are done.
 */
final class CarryForward {
    private final GitRepository repository;
    private final GitWorkers workers;
    private final ShadowWriter shadows;
    private final ShadowBranches branches;
    private final CaptureSettings settings;

    CarryForward(GitRepository repository, GitWorkers workers, ShadowWriter shadows, ShadowBranches branches,
            CaptureSettings settings) {
        this.repository = requireNonNull(repository, "repository is null");
        this.workers = requireNonNull(workers, "workers is null");
        this.shadows = requireNonNull(shadows, "shadows is null");
        this.branches = requireNonNull(branches, "branches is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    /** The steps the session keeps on {@code head}: none, or one holding what is left. */
    List<Step> carry(SessionState state, ObjectId head, long transcriptLines) {
        Map<String, Optional<TreeEntry>> remaining = new LinkedHashMap<>();
        for (String path : state.files().keySet()) {
            Optional<TreeEntry> now = shadows.workTreeEntry(path);
            Optional<ObjectId> committed = workers.reader().find(head.hex() + ":" + path).map(GitObject::id);
            if (!now.map(TreeEntry::id).equals(committed)) {
                remaining.put(path, now);
            }
        }
        if (remaining.isEmpty()) {
            return List.of();
        }
        List<String> prompts = promptsOf(state, remaining.keySet());
        Map<String, Optional<TreeEntry>> edits = new LinkedHashMap<>(remaining);
        edits.putAll(shadows.metadataEntries(state, 1, transcriptLines, shadows.redacted(prompts)));
        branches.commit(head, state.worktreeId(), edits,
                StepMessage.of("Carry forward uncommitted work", state.sessionId()));
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(1, settings.clock().instant(), ShadowWriter.snapshots(remaining), prompts,
                TokenUsage.ZERO, transcriptLines));
        return steps;
    }

    /** The prompts of the steps that touched {@code paths}, oldest first: the work carried keeps what asked for it. */
    private static List<String> promptsOf(SessionState state, Set<String> paths) {
        List<String> prompts = new ArrayList<>();
        for (Step step : state.steps()) {
            if (step.files().stream().anyMatch(file -> paths.contains(file.path()))) {
                step.prompts().stream().filter(prompt -> !prompts.contains(prompt)).forEach(prompts::add);
            }
        }
        return prompts;
    }
}
