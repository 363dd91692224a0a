package io.entire.core.git;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The refs of one repository: reads, and updates and deletes that each carry the value the ref must hold (or that it
 * must not exist), so a writer that lost a race gets {@link RefUpdateResult#REJECTED_STALE}, never a lost update.
 * Thread-safe: every call is one short git command.
 */
public final class Refs {
    /** Fewer new refs than this are cheaper as loose refs than as a rewrite of the packed-refs file. */
    static final int PACKED_AT_LEAST = 100;
    /** update-ref's words before the name of a ref it could not lock. */
    private static final String CANNOT_LOCK = "cannot lock ref '";
    /** Ref names per {@code for-each-ref} command line: 5,000 names of ~60 bytes stay far below ARG_MAX. */
    private static final int NAMES_PER_LISTING = 5_000;

    private final Git git;
    private final Path commonDir;
    private final int hashHexLength;

    Refs(Git git, Path commonDir, int hashHexLength) {
        this.git = git;
        this.commonDir = commonDir;
        this.hashHexLength = hashHexLength;
    }

    public Optional<ObjectId> find(RefName ref) {
        GitResult result = git.tryRun(List.of("rev-parse", "--verify", "--quiet", ref.name()), null);
        return result.succeeded() ? Optional.of(ObjectId.of(result.text().strip())) : Optional.empty();
    }

    /** Whether {@code ref} is stored in a file of its own (a loose ref); a packed ref or a reftable's is not. */
    public boolean isLoose(RefName ref) {
        return Files.isRegularFile(commonDir.resolve(ref.name()));
    }

    /** Every ref under a prefix ({@code refs/entire/}) with the object it points to, sorted by name. */
    public Map<RefName, ObjectId> list(String prefix) {
        return listing(prefix).toMap();
    }

    /** As {@link #list}, unparsed until visited, with a fingerprint to compare it with an earlier listing. */
    public RefListing listing(String prefix) {
        return new RefListing(git.run("for-each-ref", "--format=%(objectname) %(refname)", prefix).stdoutInPlace());
    }

    /**
     * Refs matching for-each-ref patterns ({@code refs/entire/checkpoints/}, {@code refs/x/*}/{@code id}) with the
     * commit each points to and that commit's tree; one process for any number of refs.
     */
    public List<RefTip> tips(List<String> patterns) {
        return tips(patterns, Optional.empty());
    }

    /** As {@link #tips(List)}, with the value of one trailer of each tip commit's message, if it has it. */
    public List<RefTip> tips(List<String> patterns, Optional<String> trailerKey) {
        String trailer = trailerKey.map(key -> " %(trailers:key=" + key + ",valueonly,separator=%x20)").orElse("");
        List<String> args = new ArrayList<>(List.of("for-each-ref",
                "--format=%(objectname) %(tree) %(refname)" + trailer));
        args.addAll(patterns);
        GitResult result = git.run(args, null);
        List<RefTip> tips = new ArrayList<>();
        for (String line : result.text().split("\n")) {
            String[] fields = line.split(" ", 4);
            if (fields.length >= 3 && !fields[1].isEmpty()) {
                Optional<String> value = fields.length == 4
                        ? Optional.of(fields[3].strip()).filter(text -> !text.isEmpty()) : Optional.empty();
                tips.add(new RefTip(RefName.of(fields[2]), ObjectId.of(fields[0]), ObjectId.of(fields[1]), value));
            }
        }
        return tips;
    }

    /** Compare-and-swap: moves {@code ref} to {@code newValue} only if it holds {@code expected}. */
    public RefUpdateResult update(RefName ref, Expected expected, ObjectId newValue, String reason) {
        if (expected.value().equals(Optional.of(newValue))) {
            return find(ref).equals(Optional.of(newValue)) ? RefUpdateResult.UNCHANGED
                    : RefUpdateResult.REJECTED_STALE;
        }
        List<String> args = List.of("update-ref", "-m", reason, ref.name(), newValue.hex(),
                expected.forGit(hashHexLength));
        return outcome(ref, expected, args, git.tryRun(args, null));
    }

    /** What an update-ref of {@code ref} from {@code expected} came to. */
    RefUpdateResult outcome(RefName ref, Expected expected, List<String> args, GitResult result) {
        if (result.succeeded()) {
            return expected.value().isPresent() ? RefUpdateResult.UPDATED : RefUpdateResult.CREATED;
        }
        return classifyFailure(ref, expected, args, result);
    }

    /**
     * A compare-and-swap update of {@code ref} whose git process starts now, ahead of the new value, while the caller
     * writes the objects it will name.
     */
    public RefUpdateAhead updateAhead(RefName ref, String reason) {
        return new RefUpdateAhead(git, this, ref, reason, hashHexLength);
    }

    /** Compare-and-swap delete: removes {@code ref} only if it holds {@code expected}. */
    public RefUpdateResult delete(RefName ref, ObjectId expected, String reason) {
        List<String> args = List.of("update-ref", "-m", reason, "-d", ref.name(), expected.hex());
        GitResult result = git.tryRun(args, null);
        return result.succeeded() ? RefUpdateResult.DELETED
                : classifyFailure(ref, Expected.value(expected), args, result);
    }

    /**
     * Moves every ref of {@code moves}, or none: one {@code update-ref --stdin} transaction, each ref checked against
     * the value it must hold. {@link RefUpdateResult#UPDATED} when all moved; {@link RefUpdateResult#REJECTED_STALE}
     * when a ref no longer held its expected value, {@link RefUpdateResult#LOCKED} when another process held a ref's
     * lock: nothing moved then. A process killed in between leaves every ref as it was.
     */
    public RefUpdateResult moveAll(List<RefMove> moves, String reason) {
        if (moves.isEmpty()) {
            return RefUpdateResult.UNCHANGED;
        }
        List<String> args = List.of("update-ref", "-m", reason, "--stdin");
        GitResult result = git.tryRun(args, transaction(moves));
        if (result.succeeded()) {
            return RefUpdateResult.UPDATED;
        }
        for (RefMove move : moves) {
            if (!find(move.ref()).equals(move.expected().value())) {
                return RefUpdateResult.REJECTED_STALE;
            }
        }
        if (lockHeld(result)) {
            return RefUpdateResult.LOCKED;
        }
        throw new GitException(args, result.exitCode(), result.stderr());
    }

    /**
     * Moves each ref of {@code moves} on its own compare-and-swap and says what happened to each: unlike
     * {@link #moveAll}, a ref that is stale or locked leaves the others to move. A hundred new refs or more go into
     * the packed-refs file in one write ({@link PackedRefs}) when the repository keeps its refs in files and git would
     * write no reflog for them; every other move goes through {@code update-ref --stdin}. A process killed in
     * between leaves each ref at its old value or its new one.
     */
    public Map<RefName, RefUpdateResult> updateEach(List<RefMove> moves, String reason) {
        Set<RefName> named = new HashSet<>();
        Map<RefName, ObjectId> creations = new TreeMap<>();
        for (RefMove move : moves) {
            if (!named.add(move.ref())) {
                throw new IllegalArgumentException("moves " + move.ref() + " twice");
            }
            if (move.expected().value().isEmpty() && PackedRefs.mayHold(move.ref())) {
                creations.put(move.ref(), move.newValue().orElseThrow());
            }
        }
        Map<RefName, RefUpdateResult> results = new HashMap<>();
        if (creations.size() >= PACKED_AT_LEAST) {
            packedRefsDurability().flatMap(durability -> new PackedRefs(commonDir, hashHexLength)
                    .create(creations, durability)).ifPresent(results::putAll);
        }
        List<RefMove> rest = moves.stream().filter(move -> !results.containsKey(move.ref())).toList();
        results.putAll(updateThroughGit(rest, reason));
        return results;
    }

    /**
     * How to write the packed-refs file, or empty when git would write these refs another way: a ref backend other
     * than files ({@code extensions.refStorage}), a reflog for every ref ({@code core.logAllRefUpdates=always}), a
     * repository shared between users ({@code core.sharedRepository}, whose file modes git sets).
     */
    private Optional<PackedRefs.Durability> packedRefsDurability() {
        GitResult result = git.tryRun(List.of("config", "--get-regexp",
                "^(extensions\\.refstorage|core\\.logallrefupdates|core\\.sharedrepository|core\\.fsync)$"), null);
        boolean fsync = false;
        for (String line : result.succeeded() ? result.text().split("\n") : new String[0]) {
            String[] keyValue = line.split(" ", 2);
            String value = keyValue.length == 2 ? keyValue[1].strip().toLowerCase(Locale.ROOT) : "";
            switch (keyValue[0]) {
                case "extensions.refstorage" -> {
                    if (!value.equals("files")) {
                        return Optional.empty();
                    }
                }
                case "core.logallrefupdates" -> {
                    if (value.equals("always")) {
                        return Optional.empty();
                    }
                }
                case "core.sharedrepository" -> {
                    if (!List.of("false", "umask", "no", "off", "0").contains(value)) {
                        return Optional.empty();
                    }
                }
                case "core.fsync" -> fsync = fsyncsRefs(value);
                default -> {
                    // a key the pattern cannot match
                }
            }
        }
        return Optional.of(fsync ? PackedRefs.Durability.FSYNC : PackedRefs.Durability.NO_FSYNC);
    }

    /** Whether a {@code core.fsync} value includes refs; git's default does not. */
    static boolean fsyncsRefs(String components) {
        boolean refs = false;
        for (String component : components.split(",")) {
            switch (component.strip()) {
                case "none", "-reference", "-committed", "-added", "-all" -> refs = false;
                case "reference", "committed", "added", "all" -> refs = true;
                default -> {
                    // components that are not about refs
                }
            }
        }
        return refs;
    }

    /**
     * {@code update-ref --stdin} transactions: when one fails, the refs that no longer hold their expected value, or
     * whose lock another process holds, are set aside and the others go again.
     */
    private Map<RefName, RefUpdateResult> updateThroughGit(List<RefMove> moves, String reason) {
        Map<RefName, RefUpdateResult> results = new HashMap<>();
        List<RefMove> pending = moves;
        while (!pending.isEmpty()) {
            List<String> args = List.of("update-ref", "-m", reason, "--stdin");
            GitResult result = git.tryRun(args, transaction(pending));
            if (result.succeeded()) {
                for (RefMove move : pending) {
                    results.put(move.ref(), move.newValue().isEmpty() ? RefUpdateResult.DELETED
                            : move.expected().value().isPresent() ? RefUpdateResult.UPDATED : RefUpdateResult.CREATED);
                }
                break;
            }
            Map<RefName, ObjectId> current = values(pending);
            List<RefMove> stale = pending.stream().filter(move -> !Optional.ofNullable(current.get(move.ref()))
                    .equals(move.expected().value())).toList();
            stale.forEach(move -> results.put(move.ref(), RefUpdateResult.REJECTED_STALE));
            if (stale.isEmpty()) {
                // A ref git could not lock: another writer holds its lock, or a ref stands in its way (refs/a, a/b).
                RefMove refused = unlockable(result.stderr(), pending)
                        .orElseThrow(() -> new GitException(args, result.exitCode(), result.stderr()));
                results.put(refused.ref(), lockHeld(result) ? RefUpdateResult.LOCKED : RefUpdateResult.REJECTED_STALE);
            }
            pending = pending.stream().filter(move -> !results.containsKey(move.ref())).toList();
        }
        return results;
    }

    /** The move whose ref update-ref could not lock, as its message names it. */
    private static Optional<RefMove> unlockable(String stderr, List<RefMove> moves) {
        int start = stderr.indexOf(CANNOT_LOCK);
        int end = start < 0 ? -1 : stderr.indexOf('\'', start + CANNOT_LOCK.length());
        if (end < 0) {
            return Optional.empty();
        }
        String name = stderr.substring(start + CANNOT_LOCK.length(), end);
        return moves.stream().filter(move -> move.ref().name().equals(name)).findFirst();
    }

    private byte[] transaction(List<RefMove> moves) {
        StringBuilder commands = new StringBuilder("start\n");
        for (RefMove move : moves) {
            String expected = move.expected().forGit(hashHexLength);
            commands.append(move.newValue().map(value -> "update " + move.ref().name() + " " + value.hex() + " "
                    + expected).orElse("delete " + move.ref().name() + " " + expected)).append('\n');
        }
        return commands.append("prepare\ncommit\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The current value of each of these refs that exists. The names go on command lines of at most
     * {@link #NAMES_PER_LISTING} each: a batch of a large migration would pass the system's limit on one.
     */
    private Map<RefName, ObjectId> values(List<RefMove> moves) {
        Map<RefName, ObjectId> values = new HashMap<>();
        for (int from = 0; from < moves.size(); from += NAMES_PER_LISTING) {
            List<String> args = new ArrayList<>(List.of("for-each-ref", "--format=%(objectname) %(refname)"));
            moves.subList(from, Math.min(moves.size(), from + NAMES_PER_LISTING))
                    .forEach(move -> args.add(move.ref().name()));
            for (String line : git.run(args, null).text().split("\n")) {
                int space = line.indexOf(' ');
                if (space > 0) {
                    values.put(RefName.of(line.substring(space + 1)), ObjectId.of(line.substring(0, space)));
                }
            }
        }
        return values;
    }

    private RefUpdateResult classifyFailure(RefName ref, Expected expected, List<String> args, GitResult result) {
        Optional<ObjectId> current = find(ref);
        if (!current.equals(expected.value())) {
            // cat-file calls a ref whose object is missing "missing", so its writer expected no ref at all and would
            // be refused at every retry: say what is wrong instead.
            if (expected.value().isEmpty() && !git.tryRun(List.of("cat-file", "-e", current.get().hex()), null)
                    .succeeded()) {
                throw new MissingObjectException(current.get().hex() + " (the value of " + ref.name() + ")");
            }
            return RefUpdateResult.REJECTED_STALE;
        }
        if (lockHeld(result)) {
            return RefUpdateResult.LOCKED;
        }
        throw new GitException(args, result.exitCode(), result.stderr());
    }

    /** True when update-ref failed because another process holds the ref's lock file. */
    static boolean lockHeld(GitResult result) {
        return result.stderr().contains(".lock") && result.stderr().contains("File exists");
    }
}
