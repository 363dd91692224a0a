package io.entire.core.recover;

import static java.util.Objects.requireNonNull;

import io.entire.core.Warning;
import io.entire.core.git.BatchReader;
import io.entire.core.git.CommitRequest;
import io.entire.core.git.Expected;
import io.entire.core.git.GitRepository;
import io.entire.core.git.ObjectId;
import io.entire.core.git.ObjectWriter;
import io.entire.core.git.RefName;
import io.entire.core.id.SessionId;
import io.entire.core.store.shadow.ShadowBranch;
import io.entire.core.store.shadow.StepMessage;
import java.util.Optional;

/**
 * Records a rewind on the shadow branch: a commit on its tip whose tree is the step's. Capture builds each new step
 * on the tip's tree, so without it the next step would hold the files as they were before the rewind, and a rewind
 * to that step would bring them back. The steps rewound over stay in the branch's history.
 */
final class ShadowRewind {
    private static final int ATTEMPTS = 5;

    private final GitRepository repository;

    ShadowRewind(GitRepository repository) {
        this.repository = requireNonNull(repository, "repository is null");
    }

    /**
     * Puts the step's tree on top of HEAD's shadow branch; empty when that is done, else a warning (a concurrent
     * session kept moving the branch, so the next step may hold some files as they were before the rewind).
     */
    Optional<Warning> record(BatchReader reader, ObjectId head, RewindPoint step, Optional<SessionId> session) {
        RefName branch = ShadowBranch.name(head, repository.worktreeId());
        ObjectId tree = reader.readCommitTree(step.commit());
        String subject = "Rewind to step " + step.id();
        String message = session.map(id -> StepMessage.of(subject, id))
                .orElseGet(() -> subject + "\n\nEntire-Strategy: manual-commit\n");
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<ObjectId> tip = repository.refs().find(branch);
            if (tip.isEmpty() || reader.readCommitTree(tip.get()).equals(tree)) {
                return Optional.empty();
            }
            ObjectId commit;
            try (ObjectWriter writer = repository.openWriter()) {
                commit = writer.writeCommit(CommitRequest.unsigned(tree, tip, message));
            }
            switch (repository.refs().update(branch, Expected.of(tip), commit, "entire: rewind")) {
                case CREATED, UPDATED, UNCHANGED, DELETED -> {
                    return Optional.empty();
                }
                case REJECTED_STALE, LOCKED -> {
                    // another session's stop moved the branch: read its tip again
                }
            }
        }
        return Optional.of(Warning.aboutRef(branch.name(), "could not record the rewind on " + branch.shortName()
                + ": other sessions kept moving it; the next step may hold some files as they were before the rewind"));
    }
}
