package io.entire.core.doctor;

import static java.util.Objects.requireNonNull;

import io.entire.core.Progress;
import io.entire.core.ProgressCount;
import io.entire.core.doctor.FolderCheck.Copy;
import io.entire.core.doctor.FolderCheck.Layout;
import io.entire.core.doctor.FolderCheck.Print;
import io.entire.core.git.BatchReader;
import io.entire.core.git.GitObject;
import io.entire.core.git.GitRepository;
import io.entire.core.git.MissingObjectException;
import io.entire.core.git.ObjectId;
import io.entire.core.git.RefName;
import io.entire.core.git.TreeEntry;
import io.entire.core.id.CheckpointId;
import io.entire.core.redact.Redactor;
import io.entire.core.redact.SecretFinding;
import io.entire.core.store.branch.BranchStore;
import io.entire.core.store.refs.CheckpointRefs;
import io.entire.core.store.v2.V2Refs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code entire doctor verify}: reads every checkpoint of every store the repository has (the v1 branch, the
 * per-checkpoint refs, the v2 refs), whatever the settings say, checks each copy ({@link FolderCheck}), the names of
 * the checkpoint refs, that copies of one checkpoint in several stores agree, and that no stored file holds what
 * today's redaction rules would replace. Writes nothing.
 */
public final class Verifier {
    static final String BRANCH = "branch";
    static final String REFS = "refs";
    static final String V2 = "v2";

    // A file full of secrets is named once, with its first lines.
    private static final int LINES_NAMED = 10;

    private final GitRepository repository;
    private final Redactor redactor;

    /** {@code redactor} applies the rules stored files are checked against: the built-in ones and the project's. */
    public Verifier(GitRepository repository, Redactor redactor) {
        this.repository = requireNonNull(repository, "repository is null");
        this.redactor = requireNonNull(redactor, "redactor is null");
    }

    /** Lists every copy first, so that {@code progress} counts the copies checked of all there are. */
    public VerifyReport verify(Progress progress) {
        requireNonNull(progress, "progress is null");
        List<VerifyProblem> problems = new ArrayList<>();
        List<String> stores = new ArrayList<>();
        Map<CheckpointId, Map<String, Print>> prints = new TreeMap<>();
        int copies = 0;
        try (BatchReader reader = repository.openReader()) {
            Walk walk = new Walk(reader, new FolderCheck(reader, problems), new FolderSecrets(reader, redactor),
                    problems, prints);
            Optional<ObjectId> branch = repository.refs().find(BranchStore.BRANCH).or(this::remoteBranch);
            Map<CheckpointId, ObjectId> branchFolders = branch.map(tip -> walk.folders(BRANCH, tip, true))
                    .orElse(Map.of());
            Map<RefName, ObjectId> refs = checkpointRefs();
            Optional<ObjectId> main = repository.refs().find(V2Refs.MAIN);
            Map<CheckpointId, ObjectId> v2Folders = main.map(tip -> walk.folders(V2, tip, true)).orElse(Map.of());
            ProgressCount checked = ProgressCount.start(progress, branchFolders.size() + refs.size()
                    + v2Folders.size());
            if (branch.isPresent()) {
                stores.add(BRANCH);
                copies += walk.sharded(BRANCH, branchFolders, Layout.FULL_TRANSCRIPTS, Map.of(), checked);
            }
            if (!refs.isEmpty()) {
                stores.add(REFS);
                copies += walk.refs(refs, checked);
            }
            if (main.isPresent()) {
                stores.add(V2);
                copies += walk.sharded(V2, v2Folders, Layout.V2_MAIN, walk.rawFolders(fullRefs()), checked);
            }
        }
        compare(prints, problems);
        return new VerifyReport(stores, copies, problems);
    }

    /** A remote-tracking copy of the v1 branch, read when there is no local one (as the store does). */
    private Optional<ObjectId> remoteBranch() {
        Map<RefName, ObjectId> remotes = repository.refs().list("refs/remotes/");
        Optional<ObjectId> origin = Optional.ofNullable(remotes.get(
                RefName.of("refs/remotes/origin/entire/checkpoints/v1")));
        return origin.or(() -> remotes.entrySet().stream()
                .filter(entry -> entry.getKey().name().endsWith("/entire/checkpoints/v1"))
                .map(Map.Entry::getValue).findFirst());
    }

    private Map<RefName, ObjectId> checkpointRefs() {
        Map<RefName, ObjectId> refs = new TreeMap<>();
        repository.refs().list(CheckpointRefs.PREFIX).forEach((ref, tip) -> {
            if (!ref.name().startsWith(V2Refs.PREFIX)) {
                refs.put(ref, tip);
            }
        });
        return refs;
    }

    /** The v2 {@code full} refs, the current generation first, then the archives newest first. */
    private List<ObjectId> fullRefs() {
        List<ObjectId> tips = new ArrayList<>();
        repository.refs().find(V2Refs.CURRENT).ifPresent(tips::add);
        Map<Long, ObjectId> archives = new TreeMap<>(Comparator.reverseOrder());
        repository.refs().list(V2Refs.FULL_PREFIX).forEach((ref, tip) -> V2Refs.archiveNumber(ref)
                .ifPresent(number -> archives.put(number, tip)));
        tips.addAll(archives.values());
        return tips;
    }

    /** Reports every checkpoint whose copies hold different sessions, or different transcripts in one slot. */
    private static void compare(Map<CheckpointId, Map<String, Print>> prints, List<VerifyProblem> problems) {
        prints.forEach((id, byStore) -> {
            List<Map.Entry<String, Print>> copies = new ArrayList<>(byStore.entrySet());
            for (int i = 1; i < copies.size(); i++) {
                compare(id, copies.get(0), copies.get(i), problems);
            }
        });
    }

    private static void compare(CheckpointId id, Map.Entry<String, Print> first, Map.Entry<String, Print> other,
            List<VerifyProblem> problems) {
        String stores = first.getKey() + "/" + other.getKey();
        Map<Integer, String> firstSessions = sessions(first.getValue());
        Map<Integer, String> otherSessions = sessions(other.getValue());
        if (!firstSessions.equals(otherSessions)) {
            problems.add(new VerifyProblem(id.value(), stores, ProblemKind.STORES_DISAGREE, first.getKey()
                    + " holds sessions " + firstSessions + " by slot, " + other.getKey() + " " + otherSessions));
            return;
        }
        first.getValue().slots().forEach((slot, print) -> {
            Optional<String> theirs = other.getValue().slots().get(slot).transcriptHash();
            if (print.transcriptHash().isPresent() && theirs.isPresent()
                    && !print.transcriptHash().equals(theirs)) {
                problems.add(new VerifyProblem(id.value(), stores, ProblemKind.STORES_DISAGREE, "slot " + slot
                        + ": the transcript in " + first.getKey() + " differs from the one in " + other.getKey()));
            }
        });
    }

    private static Map<Integer, String> sessions(Print print) {
        Map<Integer, String> sessions = new TreeMap<>();
        print.slots().forEach((slot, found) -> sessions.put(slot, found.sessionId()));
        return sessions;
    }

    /** One pass over the stores with one reader, gathering problems and what each copy holds. */
    private static final class Walk {
        private final BatchReader reader;
        private final FolderCheck check;
        private final FolderSecrets secrets;
        private final List<VerifyProblem> problems;
        private final Map<CheckpointId, Map<String, Print>> prints;

        Walk(BatchReader reader, FolderCheck check, FolderSecrets secrets, List<VerifyProblem> problems,
                Map<CheckpointId, Map<String, Print>> prints) {
            this.reader = reader;
            this.check = check;
            this.secrets = secrets;
            this.problems = problems;
            this.prints = prints;
        }

        /** Checks the checkpoint folders {@code <id[0:2]>/<id[2:]>} of a store's tree; returns how many. */
        int sharded(String store, Map<CheckpointId, ObjectId> folders, Layout layout,
                Map<CheckpointId, Map<Integer, Map<String, TreeEntry>>> raw, ProgressCount checked) {
            int copies = 0;
            for (Map.Entry<CheckpointId, ObjectId> folder : folders.entrySet()) {
                CheckpointId id = folder.getKey();
                record(store, check.check(new Copy(id, store, folder.getValue(), "/" + id.treePath(), layout,
                        raw.getOrDefault(id, Map.of()))), id);
                List<FolderSecrets.Found> found = new ArrayList<>(secrets.find(folder.getValue()));
                raw.getOrDefault(id, Map.of()).forEach((slot, files) -> found.addAll(secrets.find(slot + "/", files)));
                reportSecrets(id, store, found);
                copies++;
                checked.add(1);
            }
            return copies;
        }

        /** Checks each checkpoint ref's name and the folder its commit holds; returns how many were read. */
        int refs(Map<RefName, ObjectId> refs, ProgressCount checked) {
            Map<CheckpointId, RefName> seen = new LinkedHashMap<>();
            int copies = 0;
            for (Map.Entry<RefName, ObjectId> ref : refs.entrySet()) {
                if (ref(ref.getKey(), ref.getValue(), seen)) {
                    copies++;
                }
                checked.add(1);
            }
            return copies;
        }

        /** Checks one checkpoint ref; whether the folder its commit holds was read. */
        private boolean ref(RefName ref, ObjectId tip, Map<CheckpointId, RefName> seen) {
            String name = ref.name();
            String[] parts = name.substring(CheckpointRefs.PREFIX.length()).split("/", -1);
            Optional<CheckpointId> parsed = parts.length == 2 ? CheckpointId.parse(parts[1]) : Optional.empty();
            if (parsed.isEmpty()) {
                problems.add(new VerifyProblem(name, REFS, ProblemKind.BAD_REF, "not a checkpoint ref ("
                        + CheckpointRefs.PREFIX + "<last two characters of the id>/<id>)"));
                return false;
            }
            CheckpointId id = parsed.get();
            String shard = id.value().substring(id.value().length() - 2);
            if (!parts[0].equals(shard)) {
                problems.add(new VerifyProblem(id.value(), REFS, ProblemKind.BAD_REF, name + " is sharded under "
                        + parts[0] + "; the Go tool reads only " + CheckpointRefs.PREFIX + shard + "/" + id));
            }
            if (seen.containsKey(id)) {
                problems.add(new VerifyProblem(id.value(), REFS, ProblemKind.BAD_REF, "stored under two refs, "
                        + seen.get(id).name() + " and " + name));
                return false;
            }
            seen.put(id, ref);
            Optional<ObjectId> folder = commitTree(id, name, tip);
            if (folder.isEmpty()) {
                return false;
            }
            record(REFS, check.check(new Copy(id, REFS, folder.get(), "", Layout.FULL_TRANSCRIPTS, Map.of())), id);
            reportSecrets(id, REFS, secrets.find(folder.get()));
            return true;
        }

        private Optional<ObjectId> commitTree(CheckpointId id, String ref, ObjectId tip) {
            Optional<GitObject> object = reader.find(tip.hex());
            if (object.isEmpty()) {
                problems.add(new VerifyProblem(id.value(), REFS, ProblemKind.MISSING_OBJECT, ref + " points to "
                        + tip.hex() + ", which is missing"));
                return Optional.empty();
            }
            if (!object.get().type().equals("commit")) {
                problems.add(new VerifyProblem(id.value(), REFS, ProblemKind.BAD_REF, ref + " points to a "
                        + object.get().type() + ", not a commit"));
                return Optional.empty();
            }
            return Optional.of(BatchReader.parseCommit(object.get()).tree());
        }

        /** Each checkpoint's slot folders on the v2 {@code full} refs, from the first ref that has the checkpoint. */
        Map<CheckpointId, Map<Integer, Map<String, TreeEntry>>> rawFolders(List<ObjectId> tips) {
            Map<CheckpointId, Map<Integer, Map<String, TreeEntry>>> raw = new LinkedHashMap<>();
            for (ObjectId tip : tips) {
                for (Map.Entry<CheckpointId, ObjectId> folder : folders(V2, tip, false).entrySet()) {
                    if (!raw.containsKey(folder.getKey())) {
                        Map<Integer, Map<String, TreeEntry>> slots = new TreeMap<>();
                        for (TreeEntry slot : reader.readTree(folder.getValue())) {
                            if (slot.isTree() && slot.name().matches("0|[1-9][0-9]{0,5}")) {
                                slots.put(Integer.parseInt(slot.name()),
                                        FolderCheck.byName(reader.readTree(slot.id())));
                            }
                        }
                        raw.put(folder.getKey(), slots);
                    }
                }
            }
            return raw;
        }

        /**
         * The checkpoint folders of a sharded tree; with {@code strict}, anything else in it is reported (the
         * {@code full} refs also hold {@code generation.json}).
         */
        Map<CheckpointId, ObjectId> folders(String store, ObjectId tip, boolean strict) {
            Map<CheckpointId, ObjectId> folders = new LinkedHashMap<>();
            for (TreeEntry shard : reader.readTree(reader.readCommitTree(tip))) {
                if (!shard.isTree() || shard.name().length() != 2) {
                    if (strict) {
                        problems.add(new VerifyProblem(shard.name(), store, ProblemKind.UNEXPECTED_ENTRY,
                                "not a checkpoint shard folder"));
                    }
                    continue;
                }
                List<TreeEntry> entries;
                try {
                    entries = reader.readTree(shard.id());
                } catch (MissingObjectException e) {
                    problems.add(new VerifyProblem(shard.name() + "/", store, ProblemKind.MISSING_OBJECT,
                            "shard tree " + e.object() + " is missing"));
                    continue;
                }
                for (TreeEntry entry : entries) {
                    Optional<CheckpointId> id = CheckpointId.parse(shard.name() + entry.name());
                    if (id.isPresent() && entry.isTree()) {
                        folders.put(id.get(), entry.id());
                    } else if (strict) {
                        problems.add(new VerifyProblem(shard.name() + "/" + entry.name(), store,
                                ProblemKind.UNEXPECTED_ENTRY, "not a checkpoint folder"));
                    }
                }
            }
            return folders;
        }

        /** One problem per file: its first lines with secrets and their kinds, never the secrets. */
        private void reportSecrets(CheckpointId id, String store, List<FolderSecrets.Found> found) {
            Map<String, List<SecretFinding>> byFile = new LinkedHashMap<>();
            found.forEach(one -> byFile.computeIfAbsent(one.path(), path -> new ArrayList<>()).add(one.finding()));
            byFile.forEach((path, findings) -> {
                Set<String> kinds = new LinkedHashSet<>();
                findings.forEach(finding -> finding.kinds().forEach(kind -> kinds.add(kind.description())));
                List<String> lines = findings.stream().limit(LINES_NAMED).map(finding -> "" + finding.line()).toList();
                String more = findings.size() > LINES_NAMED ? " and " + (findings.size() - LINES_NAMED) + " more" : "";
                problems.add(new VerifyProblem(id.value(), store, ProblemKind.SECRET, path
                        + (findings.size() == 1 ? " line " : " lines ") + String.join(", ", lines) + more + ": "
                        + String.join(", ", kinds) + "; run 'entire redact --rewrite " + id + "'"));
            });
        }

        private void record(String store, Optional<Print> print, CheckpointId id) {
            print.ifPresent(found -> prints.computeIfAbsent(id, key -> new LinkedHashMap<>()).put(store, found));
        }
    }
}
