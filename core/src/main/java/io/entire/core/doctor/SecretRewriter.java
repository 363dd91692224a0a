package io.entire.core.doctor;

import static java.util.Objects.requireNonNull;

import io.entire.core.Progress;
import io.entire.core.git.BatchReader;
import io.entire.core.git.CommitRequest;
import io.entire.core.git.Expected;
import io.entire.core.git.GitRepository;
import io.entire.core.git.ObjectId;
import io.entire.core.git.ObjectWriter;
import io.entire.core.git.RefName;
import io.entire.core.git.RefUpdateResult;
import io.entire.core.id.CheckpointId;
import io.entire.core.push.PushQueue;
import io.entire.core.redact.Redactor;
import io.entire.core.store.CheckpointException;
import io.entire.core.store.TreeSplice;
import io.entire.core.store.branch.BranchStore;
import io.entire.core.store.refs.CheckpointRefs;
import io.entire.core.store.v2.V2Refs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code entire redact --rewrite}: every local copy of a checkpoint (the v1 branch, its checkpoint ref, the v2
 * {@code main} and {@code full} refs) redacted with today's rules, as one new commit on each ref that held a secret,
 * compare-and-swap. A rewritten checkpoint ref is queued for the next push; the branch and the v2 refs are pushed
 * whenever they differ from the remote's. Earlier commits of those refs still hold the old content.
 */
public final class SecretRewriter {
    private final GitRepository repository;
    private final Redactor redactor;
    private final PushQueue queue;

    /** {@code redactor} applies today's rules, the project's included. */
    public SecretRewriter(GitRepository repository, Redactor redactor) {
        this.repository = requireNonNull(repository, "repository is null");
        this.redactor = requireNonNull(redactor, "redactor is null");
        this.queue = new PushQueue(repository.commonDir());
    }

    /** Rewrites the checkpoint's copies; a checkpoint no local store holds is an error, and nothing is written. */
    public RedactRewrite rewrite(CheckpointId id) {
        List<Planned> planned = new ArrayList<>();
        boolean stored = false;
        try (BatchReader reader = repository.openReader(); ObjectWriter writer = repository.openWriter()) {
            FolderSecrets secrets = new FolderSecrets(reader, redactor);
            List<String> shardPath = List.of(id.value().substring(0, 2), id.value().substring(2));
            for (Map.Entry<RefName, ObjectId> ref : sharded().entrySet()) {
                ObjectId root = reader.readCommitTree(ref.getValue());
                Optional<ObjectId> folder = TreeSplice.find(reader, Optional.of(root), shardPath);
                if (folder.isPresent()) {
                    stored = true;
                    List<String> files = new ArrayList<>();
                    secrets.rewrite(folder.get(), writer, files).ifPresent(redacted -> planned.add(new Planned(
                            ref.getKey(), ref.getValue(), TreeSplice.put(reader, writer, Optional.of(root), shardPath,
                                    redacted), files)));
                }
            }
            for (Map.Entry<RefName, ObjectId> ref : checkpointRefs(id).entrySet()) {
                stored = true;
                List<String> files = new ArrayList<>();
                secrets.rewrite(reader.readCommitTree(ref.getValue()), writer, files).ifPresent(redacted ->
                        planned.add(new Planned(ref.getKey(), ref.getValue(), redacted, files)));
            }
            if (!stored) {
                throw new CheckpointNotStoredException(id);
            }
            List<RewrittenRef> rewritten = new ArrayList<>();
            for (Planned plan : planned) {
                ObjectId commit = writer.writeCommit(CommitRequest.of(plan.tree(), Optional.of(plan.tip()),
                        "Redact checkpoint: " + id + "\n\nRewritten with the current redaction rules: "
                                + String.join(", ", plan.files()) + "\n"));
                rewritten.add(new RewrittenRef(plan.ref(), plan.tip(), commit, plan.files()));
            }
            rewritten.forEach(ref -> move(id, ref));
            return new RedactRewrite(id, rewritten);
        }
    }

    /** Rewrites every checkpoint {@code doctor verify} finds a secret in, in the order it reports them. */
    public List<RedactRewrite> rewriteAll() {
        Set<CheckpointId> found = new LinkedHashSet<>();
        for (VerifyProblem problem : new Verifier(repository, redactor).verify(Progress.NONE).problems()) {
            if (problem.kind() == ProblemKind.SECRET) {
                CheckpointId.parse(problem.checkpoint()).ifPresent(found::add);
            }
        }
        List<RedactRewrite> rewrites = new ArrayList<>();
        found.forEach(id -> rewrites.add(rewrite(id)));
        return rewrites;
    }

    private void move(CheckpointId id, RewrittenRef ref) {
        RefUpdateResult result = repository.refs().update(ref.ref(), Expected.value(ref.before()), ref.after(),
                "entire: redact checkpoint " + id);
        boolean moved = switch (result) {
            case CREATED, UPDATED, UNCHANGED -> true;
            case DELETED, REJECTED_STALE, LOCKED -> false;
        };
        if (!moved) {
            throw new CheckpointException(id, ref.ref().name() + " moved while it was being redacted; run the"
                    + " command again");
        }
        if (ref.ref().name().startsWith(CheckpointRefs.PREFIX) && !ref.ref().name().startsWith(V2Refs.PREFIX)) {
            queue.add(ref.ref());
        }
    }

    /** The refs whose tree holds checkpoints at {@code <id[0:2]>/<id[2:]>}: the v1 branch, v2 main and full refs. */
    private Map<RefName, ObjectId> sharded() {
        Map<RefName, ObjectId> refs = new LinkedHashMap<>();
        repository.refs().find(BranchStore.BRANCH).ifPresent(tip -> refs.put(BranchStore.BRANCH, tip));
        repository.refs().find(V2Refs.MAIN).ifPresent(tip -> refs.put(V2Refs.MAIN, tip));
        refs.putAll(repository.refs().list(V2Refs.FULL_PREFIX));
        return refs;
    }

    /** The checkpoint's own refs (normally one; an older writer's shard may hold a second). */
    private Map<RefName, ObjectId> checkpointRefs(CheckpointId id) {
        Map<RefName, ObjectId> refs = new LinkedHashMap<>();
        repository.refs().list(CheckpointRefs.PREFIX).forEach((ref, tip) -> {
            if (!ref.name().startsWith(V2Refs.PREFIX) && CheckpointRefs.checkpointOf(ref).equals(Optional.of(id))) {
                refs.put(ref, tip);
            }
        });
        return refs;
    }

    /** A ref's new tree, computed before any ref moves. */
    private record Planned(RefName ref, ObjectId tip, ObjectId tree, List<String> files) {
    }
}
