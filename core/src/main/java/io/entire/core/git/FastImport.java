package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import io.entire.core.Log;
import io.entire.core.ScratchFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes many commits through one {@code git fast-import} stream (DESIGN.md: 1000 commits in 0.38 s, against
 * 18-23 s for one process per object). Refs move only at {@link #checkpoint()} and {@link #finish()}, and never
 * backwards: a ref that moved under the stream is refused and reported. Commits written with
 * {@link #commitDetached} move no ref: their ids are known after {@link #finish()}, for a caller that moves many
 * refs at once ({@link Refs#updateEach}). It cannot sign commits; callers that must sign use
 * {@link ObjectWriter#writeCommit}. Single-threaded; close it when done.
 */
public final class FastImport implements AutoCloseable {
    private static final System.Logger LOG = Log.of(FastImport.class);
    private static final List<String> COMMAND = List.of("fast-import", "--quiet", "--done", "--date-format=raw");
    /**
     * The branch detached commits are made on. It is reset after each of them, and fast-import writes no ref for a
     * branch that was reset without a new value, so this ref is never written.
     */
    private static final RefName DETACHED = RefName.of("refs/entire/fast-import/detached");
    private static final Pattern REFUSED = Pattern.compile("(refs/[^'\\s:]+)");
    /** git's words for a ref that moved under the stream, with the commit the stream made for it. */
    private static final Pattern NOT_UPDATING = Pattern.compile(
            "Not updating (refs/\\S+) \\(new tip ([0-9a-f]{40,64}) does not contain");
    /**
     * glibc gives freed memory at the top of the heap back to the kernel once 128 KiB of it is free, and fast-import
     * frees and allocates such blocks around every object: a 10,000-checkpoint v2 migration made 201,192 brk calls,
     * 2.1 of its 3.3 s in the kernel. With trimming above 256 MiB the same stream takes 1.1 s and the same peak memory
     * (38 MB). Other C libraries ignore the variable; a user's own GLIBC_TUNABLES is left as it is.
     */
    static final Map<String, String> MALLOC_SETTINGS = Map.of("GLIBC_TUNABLES",
            "glibc.malloc.trim_threshold=268435456");

    private final Path marks;
    private final Process process;
    private final OutputStream stream;
    private final Git.StreamCollector errors;
    private final Map<RefName, ObjectId> refusedTips = new HashMap<>();
    private final List<ObjectId> detachedCommits = new ArrayList<>();
    private int detachedCount;
    private boolean finished;

    /** @param scratch where fast-import leaves the ids of the detached commits (a file deleted on close) */
    FastImport(Git git, Path scratch) {
        try {
            this.marks = ScratchFiles.create(scratch, "fast-import-", ".marks");
        } catch (IOException e) {
            throw new UncheckedIOException("creating a scratch file in " + scratch, e);
        }
        List<String> command = new ArrayList<>(COMMAND);
        command.add("--export-marks=" + marks);
        try {
            this.process = git.start(command, MALLOC_SETTINGS);
        } catch (RuntimeException e) {
            deleteMarks();
            throw e;
        }
        this.stream = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
        this.errors = Git.StreamCollector.start(process.getErrorStream());
    }

    /**
     * One commit on {@code ref} whose root tree holds the given existing objects plus files given inline.
     *
     * @param parent the ref's current tip, which the commit must descend from; empty for a new ref
     */
    public void commit(RefName ref, Optional<ObjectId> parent, List<TreeEntry> entries, Map<String, byte[]> inline,
            Signature author, Signature committer, String message) {
        writeCommit(ref, "", parent, entries, inline, author, committer, message);
    }

    /**
     * As {@link #commit}, on no ref: the commit's id is in {@link #detachedCommits()} once the stream finished, and
     * it is kept only if a ref is made to point to it.
     */
    public void commitDetached(Optional<ObjectId> parent, List<TreeEntry> entries, Map<String, byte[]> inline,
            Signature author, Signature committer, String message) {
        detachedCount++;
        writeCommit(DETACHED, "mark :" + detachedCount + "\n", parent, entries, inline, author, committer, message);
        write(("reset " + DETACHED.name() + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    private void writeCommit(RefName ref, String mark, Optional<ObjectId> parent, List<TreeEntry> entries,
            Map<String, byte[]> inline, Signature author, Signature committer, String message) {
        requireNonNull(message, "message is null");
        StringBuilder header = new StringBuilder(256 + entries.size() * 64);
        header.append("commit ").append(ref.name()).append('\n');
        header.append(mark);
        header.append("author ").append(author.raw()).append('\n');
        header.append("committer ").append(committer.raw()).append('\n');
        byte[] messageBytes = message.getBytes(StandardCharsets.UTF_8);
        header.append("data ").append(messageBytes.length).append('\n');
        try {
            stream.write(header.toString().getBytes(StandardCharsets.UTF_8));
            stream.write(messageBytes);
            StringBuilder body = new StringBuilder("\n");
            parent.ifPresent(tip -> body.append("from ").append(tip.hex()).append('\n'));
            body.append("deleteall\n");
            for (TreeEntry entry : entries) {
                if (!inline.containsKey(entry.name())) {
                    body.append("M ").append(entry.mode().octal()).append(' ').append(entry.id().hex()).append(' ')
                            .append(quote(entry.name())).append('\n');
                }
            }
            stream.write(body.toString().getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, byte[]> file : inline.entrySet()) {
                stream.write(("M 100644 inline " + quote(file.getKey()) + "\ndata " + file.getValue().length + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                stream.write(file.getValue());
                stream.write('\n');
            }
        } catch (IOException e) {
            throw failure("writing the stream failed", e);
        }
    }

    /**
     * Starts a commit on {@code ref} that edits its parent's tree path by path; follow with {@link #put},
     * {@link #putInline} and {@link #delete}, then {@link #endCommit}. Paths are full paths from the root, so a big
     * tree costs one line per file, never a tree object per folder.
     *
     * @param parent the ref's current tip (the commit starts from its tree); empty for a new ref with an empty tree
     */
    public void startCommit(RefName ref, Optional<ObjectId> parent, Signature author, Signature committer,
            String message) {
        requireNonNull(parent, "parent is null");
        byte[] messageBytes = message.getBytes(StandardCharsets.UTF_8);
        StringBuilder header = new StringBuilder(256);
        header.append("commit ").append(ref.name()).append('\n');
        header.append("author ").append(author.raw()).append('\n');
        header.append("committer ").append(committer.raw()).append('\n');
        header.append("data ").append(messageBytes.length).append('\n');
        write(header.toString().getBytes(StandardCharsets.UTF_8));
        write(messageBytes);
        write(parent.map(tip -> "\nfrom " + tip.hex() + "\n").orElse("\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Sets a path of the commit being written to an existing object. */
    public void put(String path, TreeEntry.Mode mode, ObjectId id) {
        write(("M " + mode.octal() + " " + id.hex() + " " + quote(path) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Sets a path of the commit being written to a new blob with these bytes. */
    public void putInline(String path, byte[] content) {
        write(("M 100644 inline " + quote(path) + "\ndata " + content.length + "\n").getBytes(StandardCharsets.UTF_8));
        write(content);
        write(new byte[] {'\n'});
    }

    /** Removes a file or a whole folder from the commit being written. */
    public void delete(String path) {
        write(("D " + quote(path) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    public void endCommit() {
        write(new byte[] {'\n'});
    }

    private void write(byte[] bytes) {
        try {
            stream.write(bytes);
        } catch (IOException e) {
            throw failure("writing the stream failed", e);
        }
    }

    /** Makes everything so far durable: objects packed and refs updated. */
    public void checkpoint() {
        try {
            stream.write("checkpoint\n\n".getBytes(StandardCharsets.US_ASCII));
            stream.flush();
        } catch (IOException e) {
            throw failure("writing the stream failed", e);
        }
    }

    /**
     * Ends the stream and waits for git. Returns the refs git refused to move (they moved under the stream); any
     * other failure is a {@link GitException}.
     */
    public List<RefName> finish() {
        finished = true;
        try {
            stream.write("done\n".getBytes(StandardCharsets.US_ASCII));
            stream.close();
            int exit = process.waitFor();
            String stderr = errors.text();
            List<RefName> refused = new ArrayList<>();
            for (String line : stderr.split("\n")) {
                // "Not updating <ref> (new tip ... does not contain ...)" or "cannot lock ref '<ref>': ..."
                if (line.contains("Not updating") || line.contains("cannot lock ref")) {
                    Matcher matcher = REFUSED.matcher(line);
                    if (matcher.find()) {
                        refused.add(RefName.of(matcher.group(1)));
                    }
                    Matcher tip = NOT_UPDATING.matcher(line);
                    if (tip.find()) {
                        refusedTips.put(RefName.of(tip.group(1)), ObjectId.of(tip.group(2)));
                    }
                }
            }
            if (exit != 0 && refused.isEmpty()) {
                throw new GitException(COMMAND, exit, stderr);
            }
            readDetachedCommits(exit);
            return refused;
        } catch (IOException e) {
            throw failure("finishing the stream failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted", e);
        }
    }

    /** After {@link #finish()}: the ids of the commits {@link #commitDetached} wrote, in the order it wrote them. */
    public List<ObjectId> detachedCommits() {
        if (!finished) {
            throw new IllegalStateException("the stream has not finished");
        }
        return List.copyOf(detachedCommits);
    }

    /** fast-import's marks file: one {@code :<mark> <id>} line per mark. */
    private void readDetachedCommits(int exit) throws IOException {
        if (detachedCount == 0) {
            return;
        }
        ObjectId[] ids = new ObjectId[detachedCount];
        for (String line : Files.readAllLines(marks, StandardCharsets.US_ASCII)) {
            int space = line.indexOf(' ');
            if (line.startsWith(":") && space > 1) {
                int mark = Integer.parseInt(line.substring(1, space));
                if (mark >= 1 && mark <= detachedCount) {
                    ids[mark - 1] = ObjectId.of(line.substring(space + 1));
                }
            }
        }
        for (int mark = 1; mark <= detachedCount; mark++) {
            if (ids[mark - 1] == null) {
                throw new GitException(COMMAND, exit, "no id in " + marks + " for commit :" + mark);
            }
            detachedCommits.add(ids[mark - 1]);
        }
    }

    /**
     * After {@link #finish()}: the commit the stream made for each ref it refused to move because the ref moved on
     * meanwhile; the commit exists, so a caller can merge it onto the moved tip. A ref refused for another reason
     * (its lock was held) is not here.
     */
    public Map<RefName, ObjectId> refusedTips() {
        return Map.copyOf(refusedTips);
    }

    private GitException failure(String problem, Exception cause) {
        process.destroyForcibly();
        return new GitException(COMMAND, problem, cause);
    }

    /** Tree entry names are ours or git's, but quote anything unusual as fast-import requires. */
    private static String quote(String path) {
        if (path.indexOf('"') < 0 && path.indexOf('\\') < 0 && path.indexOf(' ') < 0 && path.indexOf('\n') < 0) {
            return path;
        }
        return "\"" + path.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    @Override
    public void close() {
        if (!finished) {
            process.destroyForcibly();   // abandoned: refs not moved since the last checkpoint stay where they were
        }
        deleteMarks();
    }

    private void deleteMarks() {
        try {
            Files.deleteIfExists(marks);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not delete scratch file " + marks + ": " + e.getMessage());
        }
    }
}
