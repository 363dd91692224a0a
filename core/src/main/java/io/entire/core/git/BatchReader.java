package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads objects through one {@code git cat-file --batch} process. Single-threaded; close it when done. It sees the
 * objects that exist when each request is made, so objects written meanwhile by an {@link ObjectWriter} are visible.
 * In a partial clone, git fetches a missing object from the promisor remote; when that fails, git ends the process,
 * so the read is a {@link MissingObjectException} and the next read starts a new process.
 */
public final class BatchReader implements AutoCloseable {
    /**
     * Requests as {@code contents <spec>} lines, answered when a {@code flush} line follows: git then writes a bulk
     * read's answers in large blocks, not with a write per object, which the reader would take with a read per object.
     */
    private static final List<String> COMMAND = List.of("cat-file", "--batch-command", "--buffer");
    private static final byte[] FLUSH = "flush\n".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern UNFETCHED = Pattern.compile("could not fetch ([0-9a-f]{40,64}) from promisor remote");

    private final Git git;
    private final int hashBytes;
    private Process process;
    private OutputStream requests;
    private InputStream responses;
    private Git.StreamCollector errors;

    BatchReader(Git git, int hashBytes) {
        this.git = requireNonNull(git, "git is null");
        this.hashBytes = hashBytes;
        start();
    }

    private void start() {
        process = git.start(COMMAND);
        requests = new BufferedOutputStream(process.getOutputStream());
        responses = new BufferedInputStream(process.getInputStream(), 1 << 16);
        errors = Git.StreamCollector.start(process.getErrorStream());
    }

    /** The object named by an id or an expression such as {@code <ref>:<path>}; empty when it does not exist. */
    public Optional<GitObject> find(String spec) {
        requireSafe(spec);
        try {
            ask(request(spec));
            return readResponse(spec);
        } catch (IOException e) {
            Optional<String> unfetched = restartIfUnfetched();
            if (unfetched.isPresent()) {
                throw new MissingObjectException(unfetched.get());
            }
            throw new GitException(COMMAND, "reading " + spec + " failed", e);
        }
    }

    /**
     * Whether the repository has the object, asked without reading it (a transcript chunk can be 50 MB); false for one
     * a partial clone could not fetch.
     */
    public boolean contains(ObjectId id) {
        String spec = id.hex();
        try {
            ask(("info " + spec + "\n").getBytes(StandardCharsets.US_ASCII));
            return readHeader(spec).isPresent();
        } catch (IOException e) {
            if (restartIfUnfetched().isPresent()) {
                return false;
            }
            throw new GitException(COMMAND, "asking for " + spec + " failed", e);
        }
    }

    /** Sends one request, answered at once. */
    private void ask(byte[] request) throws IOException {
        requests.write(request);
        requests.write(FLUSH);
        requests.flush();
    }

    /**
     * The object a partial clone could not fetch, when that is why the process ended; the next request then goes to a
     * new process.
     */
    private Optional<String> restartIfUnfetched() {
        Optional<String> unfetched = unfetchedObject();
        unfetched.ifPresent(object -> start());
        return unfetched;
    }

    /** The object a partial clone could not fetch, when that is why the process ended. */
    private Optional<String> unfetchedObject() {
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                return Optional.empty();
            }
            Matcher matcher = UNFETCHED.matcher(errors.text());
            return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The object with this id; a {@link MissingObjectException} when the repository does not have it. */
    public GitObject read(ObjectId id) {
        return find(id.hex()).orElseThrow(() -> new MissingObjectException(id.hex()));
    }

    public byte[] readBlob(ObjectId id) {
        return expectType(read(id), "blob").content();
    }

    public List<TreeEntry> readTree(ObjectId id) {
        return parseTree(expectType(read(id), "tree"));
    }

    /** A commit's tree, parents and message. */
    public CommitInfo readCommit(ObjectId commit) {
        return parseCommit(expectType(read(commit), "commit"));
    }

    /**
     * The commit a revision ({@code HEAD}, a full ref name) names now, read in the same round trip; empty when it
     * names none. It saves the hooks a {@code git rev-parse} process per lookup.
     */
    public Optional<CommitInfo> findCommit(String revision) {
        return find(revision + "^{commit}").map(BatchReader::parseCommit);
    }

    /** A commit object read by {@link #find} as its tree, parents and message. */
    public static CommitInfo parseCommit(GitObject object) {
        ObjectId commit = object.id();
        String text = new String(expectType(object, "commit").content(), StandardCharsets.UTF_8);
        int bodyStart = text.indexOf("\n\n");
        String headers = bodyStart < 0 ? text : text.substring(0, bodyStart);
        ObjectId tree = null;
        List<ObjectId> parents = new ArrayList<>();
        for (String line : headers.split("\n")) {
            if (line.startsWith("tree ")) {
                tree = ObjectId.of(line.substring(5));
            } else if (line.startsWith("parent ")) {
                parents.add(ObjectId.of(line.substring(7)));
            }
        }
        if (tree == null) {
            throw new GitException(COMMAND, "commit " + commit + " has no tree header", null);
        }
        return new CommitInfo(commit, tree, parents, bodyStart < 0 ? "" : text.substring(bodyStart + 2));
    }

    /** The root tree of a commit. */
    public ObjectId readCommitTree(ObjectId commit) {
        byte[] content = expectType(read(commit), "commit").content();
        String header = new String(content, 0, Math.min(content.length, 80), StandardCharsets.US_ASCII);
        if (!header.startsWith("tree ")) {
            throw new GitException(COMMAND, "commit " + commit + " has no tree header", null);
        }
        return ObjectId.of(header.substring(5, header.indexOf('\n')));
    }

    /**
     * Reads many objects with the requests written on a second thread, so the pipe never stalls; each object
     * is handed to the consumer in request order, and a missing one is handed over as empty.
     */
    public void readAll(List<String> specs, Consumer<Optional<GitObject>> consumer) {
        List<String> requestLines = new ArrayList<>(specs.size());
        for (String spec : specs) {
            requireSafe(spec);
            requestLines.add("contents " + spec + "\n");
        }
        pipelined(requestLines, "bulk read", () -> {
            for (String spec : specs) {
                consumer.accept(readResponse(spec));
            }
        });
    }

    /** Reads the answers of a bulk request. */
    @FunctionalInterface
    private interface Answers {
        void read() throws IOException;
    }

    /** Writes the request lines on a second thread, so the pipe never stalls, while {@code answers} reads. */
    private void pipelined(List<String> requestLines, String doing, Answers answers) {
        Thread writer = new Thread(() -> {
            try {
                for (String line : requestLines) {
                    requests.write(line.getBytes(StandardCharsets.UTF_8));
                }
                requests.write(FLUSH);
                requests.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "cat-file-requests");
        writer.start();
        try {
            answers.read();
            writer.join();
        } catch (IOException e) {
            throw new GitException(COMMAND, doing + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitException(COMMAND, "interrupted", e);
        }
    }

    /** Parses a raw tree object into its entries, in stored order. */
    public List<TreeEntry> parseTree(GitObject tree) {
        byte[] data = expectType(tree, "tree").content();
        List<TreeEntry> entries = new ArrayList<>();
        int position = 0;
        HexFormat hex = HexFormat.of();
        while (position < data.length) {
            int space = indexOf(data, (byte) ' ', position);
            int nul = indexOf(data, (byte) 0, space);
            String mode = new String(data, position, space - position, StandardCharsets.US_ASCII);
            String name = new String(data, space + 1, nul - space - 1, StandardCharsets.UTF_8);
            ObjectId id = ObjectId.of(hex.formatHex(data, nul + 1, nul + 1 + hashBytes));
            entries.add(new TreeEntry(TreeEntry.Mode.parse(mode), name, id));
            position = nul + 1 + hashBytes;
        }
        return entries;
    }

    private Optional<GitObject> readResponse(String spec) throws IOException {
        Optional<String[]> header = readHeader(spec);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = header.get();
        int size = Integer.parseInt(parts[2]);
        byte[] content = responses.readNBytes(size);
        if (content.length != size || responses.read() != '\n') {
            throw new GitException(COMMAND, "truncated object " + parts[0], null);
        }
        return Optional.of(new GitObject(ObjectId.of(parts[0]), parts[1], content));
    }

    /** An answer's header, split into its object id, type and size; empty when there is no such object. */
    private Optional<String[]> readHeader(String spec) throws IOException {
        String header = readLine();
        if (header.endsWith(" missing") || header.endsWith(" ambiguous")) {
            return Optional.empty();
        }
        String[] parts = header.split(" ");
        if (parts.length != 3) {
            throw new GitException(COMMAND, "unexpected response for " + spec + ": " + header, null);
        }
        return Optional.of(parts);
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(96);
        int b;
        while ((b = responses.read()) != '\n') {
            if (b < 0) {
                throw new IOException("git cat-file ended unexpectedly");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private static GitObject expectType(GitObject object, String type) {
        if (!object.type().equals(type)) {
            throw new GitException(COMMAND, "object " + object.id() + " is a " + object.type() + ", not a " + type,
                    null);
        }
        return object;
    }

    private static int indexOf(byte[] data, byte value, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == value) {
                return i;
            }
        }
        throw new IllegalStateException("corrupt tree object: separator not found");
    }

    private static byte[] request(String spec) {
        return ("contents " + spec + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void requireSafe(String spec) {
        if (spec.isEmpty() || spec.indexOf('\n') >= 0 || spec.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("invalid object name '" + spec + "'");
        }
    }

    @Override
    public void close() {
        try {
            requests.close();
            process.waitFor();
        } catch (IOException e) {
            process.destroyForcibly();
            throw new UncheckedIOException("closing git cat-file", e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
