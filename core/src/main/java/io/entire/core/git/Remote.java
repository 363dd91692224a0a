package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One remote (a configured name or a URL) and the three conversations with it: list refs, fetch refs, push refs.
 * Nothing here forces an update, except {@link #pushReplacing} with the exact value it may replace; pushes skip the
 * pre-push hook because they run from inside it. A conversation still going at the remote's deadline is stopped and
 * is a {@link RemoteException}.
 */
public final class Remote {
    private final Git git;
    private final String name;
    private final Deadline deadline;

    Remote(Git git, String name) {
        this(git, name, Deadline.NONE);
    }

    private Remote(Git git, String name, Deadline deadline) {
        this.git = requireNonNull(git, "git is null");
        this.name = requireNonNull(name, "name is null");
        this.deadline = requireNonNull(deadline, "deadline is null");
        if (name.isEmpty() || name.startsWith("-") || name.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("invalid remote '" + name + "'");
        }
    }

    public String name() {
        return name;
    }

    public Deadline deadline() {
        return deadline;
    }

    /** This remote, with every conversation stopped at {@code deadline}. */
    public Remote withDeadline(Deadline deadline) {
        return new Remote(git, name, deadline);
    }

    /** Refs on the remote matching the patterns ({@code refs/entire/checkpoints/*}), by name. */
    public Map<RefName, ObjectId> listRefs(List<String> patterns) {
        List<String> args = new ArrayList<>(List.of("ls-remote", "--refs", name));
        args.addAll(patterns);
        GitResult result = run(args);
        if (!result.succeeded()) {
            throw new RemoteException(name, "listing refs failed: " + firstLine(result.stderr()));
        }
        Map<RefName, ObjectId> refs = new LinkedHashMap<>();
        for (String line : result.text().split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                refs.put(RefName.of(line.substring(tab + 1)), ObjectId.of(line.substring(0, tab)));
            }
        }
        return refs;
    }

    /** Fetches each ref into the given local ref ({@code remoteRef -> localRef}), never forcing. */
    public void fetch(Map<RefName, RefName> refspecs) {
        if (refspecs.isEmpty()) {
            return;
        }
        List<String> specs = new ArrayList<>();
        refspecs.forEach((remoteRef, localRef) -> specs.add(remoteRef.name() + ":" + localRef.name()));
        fetchRefspecs(specs);
    }

    /**
     * Fetches, never forcing, every remote ref whose name starts with one of {@code prefixes} into the same local
     * name; a prefix that no remote ref has fetches nothing. git asks the remote for those names only (protocol v2),
     * where {@code ls-remote} makes it list every ref it has, whatever the patterns.
     */
    public void fetchStartingWith(List<String> prefixes) {
        if (prefixes.isEmpty()) {
            return;
        }
        List<String> specs = new ArrayList<>();
        for (String prefix : prefixes) {
            RefName.of(prefix);   // a valid ref name: no pattern, option or refspec of its own
            specs.add(prefix + "*:" + prefix + "*");
        }
        fetchRefspecs(specs);
    }

    /** Fetches the objects behind remote refs without creating or moving any local ref. */
    public void fetchObjects(List<RefName> refs) {
        fetchRefspecs(refs.stream().map(RefName::name).toList());
    }

    /** One quiet fetch of {@code refspecs} from this remote, without tags or FETCH_HEAD. */
    private void fetchRefspecs(List<String> refspecs) {
        List<String> args = new ArrayList<>(List.of("fetch", "--quiet", "--no-tags", "--no-write-fetch-head", name));
        args.addAll(refspecs);
        GitResult result = run(args);
        if (!result.succeeded()) {
            throw new RemoteException(name, "fetch failed: " + firstLine(result.stderr()));
        }
    }

    /**
     * Pushes each local ref to the same name on the remote, never forced, and reports each ref's outcome. A remote
     * that cannot be reached is a {@link RemoteException}; refused refs are results, not exceptions.
     */
    public List<PushResult> push(List<RefName> refs) {
        return push(List.of(), refs);
    }

    /**
     * Pushes, never forced, every local ref under {@code prefix} (such as {@code refs/entire/checkpoints/}) that
     * differs from the remote's, in one glob refspec, and {@code refs} by name. git compares every explicit refspec
     * with every ref, so 10,000 refs named one by one cost it minutes; one pattern is matched in a single pass.
     */
    public List<PushResult> pushEverythingUnder(String prefix, List<RefName> refs) {
        if (!prefix.startsWith("refs/") || !prefix.endsWith("/") || prefix.contains("*")) {
            throw new IllegalArgumentException("not a ref prefix: '" + prefix + "'");
        }
        List<String> refspecs = new ArrayList<>(List.of(prefix + "*:" + prefix + "*"));
        refs.forEach(ref -> refspecs.add(ref.name() + ":" + ref.name()));
        return pushRefspecs(List.of(), refspecs);
    }

    /**
     * Pushes one ref over the remote's value {@code expected} even when that is not a fast-forward (a lease: refused
     * as stale if the remote holds anything else). For a v2 generation reset, whose old content is archived.
     */
    public PushResult pushReplacing(RefName ref, ObjectId expected) {
        List<PushResult> results = push(List.of("--force-with-lease=" + ref.name() + ":" + expected.hex()),
                List.of(ref));
        if (results.size() != 1) {
            throw new RemoteException(name, "push of " + ref.name() + " reported " + results.size() + " outcomes");
        }
        return results.get(0);
    }

    /** Deletes a ref on the remote if it still holds {@code expected} there (a lease), else refuses as stale. */
    public PushResult deleteLeased(RefName ref, ObjectId expected) {
        List<PushResult> results = pushRefspecs(List.of("--force-with-lease=" + ref.name() + ":" + expected.hex()),
                List.of(":" + ref.name()));
        if (results.size() != 1) {
            throw new RemoteException(name, "deletion of " + ref.name() + " reported " + results.size() + " outcomes");
        }
        return results.get(0);
    }

    private List<PushResult> push(List<String> options, List<RefName> refs) {
        return pushRefspecs(options, refs.stream().map(ref -> ref.name() + ":" + ref.name()).toList());
    }

    private List<PushResult> pushRefspecs(List<String> options, List<String> refspecs) {
        List<String> args = new ArrayList<>(List.of("push", "--porcelain", "--no-verify"));
        args.addAll(options);
        args.add(name);
        args.addAll(refspecs);
        GitResult result = run(args);
        List<PushResult> results = parsePorcelain(result.text());
        if (results.isEmpty() && !result.succeeded()) {
            throw new RemoteException(name, "push failed: " + firstLine(result.stderr()));
        }
        return results;
    }

    private GitResult run(List<String> args) {
        if (deadline.passed()) {
            throw new RemoteException(name, "out of time before git " + args.get(0));
        }
        try {
            return git.tryRun(args, null, deadline);
        } catch (GitException e) {
            if (deadline.passed()) {
                throw new RemoteException(name, "git " + args.get(0) + " stopped: out of time");
            }
            throw e;
        }
    }

    /** The line of git's complaint that says what went wrong; the rest is generic advice. */
    private static String firstLine(String stderr) {
        return stderr.lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst().orElse("no message");
    }

    static List<PushResult> parsePorcelain(String output) {
        List<PushResult> results = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] fields = line.split("\t", 3);
            if (fields.length < 2 || fields[0].length() != 1) {
                continue;   // "To <url>", "Done"
            }
            String localRemote = fields[1];
            String ref = localRemote.substring(localRemote.indexOf(':') + 1);
            String detail = fields.length == 3 ? fields[2] : "";
            PushStatus status = switch (fields[0].charAt(0)) {
                case ' ', '*', '=', '+', '-' -> PushStatus.ACCEPTED;
                default -> detail.contains("fetch first") || detail.contains("non-fast-forward")
                        || detail.contains("stale info") ? PushStatus.REJECTED_STALE : PushStatus.REJECTED_OTHER;
            };
            results.add(new PushResult(RefName.of(ref), status, detail));
        }
        return results;
    }
}
