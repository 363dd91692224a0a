package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import io.entire.core.Background;
import io.entire.core.Log;
import io.entire.core.ScratchFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes blobs, trees and commits into the object database. Blobs go through one {@code git hash-object
 * --stdin-paths} process and trees through one {@code git mktree --batch}, started on first use or when commits are
 * expected ({@link #expectCommits()}); commits go through {@code git commit-tree}, which applies the user's identity
 * and signing configuration. Every object is in the object database (and so visible to readers) as soon as its id
 * is returned. A repack or gc beside it never fails a write: a process that the pack folder's changes left behind is
 * replaced. Single-threaded; close it when done.
 */
public final class ObjectWriter implements AutoCloseable {
    private static final System.Logger LOG = Log.of(ObjectWriter.class);

    private static final List<String> HASH_OBJECT = List.of("hash-object", "-w", "--no-filters", "--stdin-paths");
    private static final List<String> MKTREE = List.of("mktree", "-z", "--batch");

    /** What commit-tree says of a tree or parent it cannot find. */
    private static final Pattern INVALID_OBJECT = Pattern.compile("fatal: ([0-9a-f]{40,64}) is not a valid object");

    private final Git git;
    private final Path scratch;
    private final Path packs;
    private Worker blobs;
    private Worker trees;
    private Optional<Boolean> configSigns = Optional.empty();
    /** {@code commit.gpgSign} being read ahead of the first commit: {@link #expectCommits()}. */
    private Optional<Background<Boolean>> configSignsAhead = Optional.empty();
    /** The blob and tree processes being started ahead of the first write: {@link #expectCommits()}. */
    private Optional<Background<Worker>> blobsAhead = Optional.empty();
    private Optional<Background<Worker>> treesAhead = Optional.empty();

    /** @param packs the pack folder: when it changes, the workers are replaced by processes that list it anew */
    ObjectWriter(Git git, Path scratch, Path packs) {
        this.git = requireNonNull(git, "git is null");
        this.scratch = requireNonNull(scratch, "scratch is null");
        this.packs = requireNonNull(packs, "packs is null");
    }

    /** Writes the bytes as a blob. */
    public ObjectId writeBlob(byte[] content) {
        return hashScratch(file -> Files.write(file, content), "writing a scratch file in " + scratch);
    }

    /** Writes a file's bytes as a blob; git streams it, so its size does not matter to the heap. */
    public ObjectId writeBlob(Path file) {
        String path = file.toAbsolutePath().toString();
        return path.indexOf('\n') < 0 ? hashFile(path) : hashCopy(file);
    }

    private ObjectId hashFile(String path) {
        if (blobs == null) {
            // Taken before it is joined: one that could not start is replaced at the next write, not thrown again.
            Optional<Background<Worker>> ahead = blobsAhead;
            blobsAhead = Optional.empty();
            blobs = ahead.map(Background::join).orElseGet(() -> new Worker(git, HASH_OBJECT, packs));
        }
        return blobs.request((path + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** hash-object reads one path per line, so a file whose path holds a newline is hashed from a copy. */
    private ObjectId hashCopy(Path file) {
        return hashScratch(copy -> Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING),
                "copying " + file + " into " + scratch);
    }

    /** Hashes a scratch file {@code fill} writes, and deletes it; {@code doing} names the work if it fails. */
    private ObjectId hashScratch(ScratchFill fill, String doing) {
        Path file = null;
        try {
            file = ScratchFiles.create(scratch, "blob", ".tmp");
            String path = file.toAbsolutePath().toString();
            if (path.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("scratch folder with a newline in its path: " + scratch);
            }
            fill.into(file);
            return hashFile(path);
        } catch (IOException e) {
            throw new UncheckedIOException(doing, e);
        } finally {
            deleteScratch(file);
        }
    }

    /** Writes a scratch file's content. */
    @FunctionalInterface
    private interface ScratchFill {
        void into(Path file) throws IOException;
    }

    /** Writes a tree; entries may come in any order and names must be unique. */
    public ObjectId writeTree(Collection<TreeEntry> entries) {
        List<TreeEntry> sorted = new ArrayList<>(entries);
        sorted.sort(null);
        Set<String> names = new HashSet<>();
        StringBuilder request = new StringBuilder(sorted.size() * 80);
        for (TreeEntry entry : sorted) {
            if (!names.add(entry.name())) {
                throw new IllegalArgumentException("duplicate tree entry '" + entry.name() + "'");
            }
            request.append(entry.mode().octal()).append(' ').append(entry.mode().type()).append(' ')
                    .append(entry.id().hex()).append('\t').append(entry.name()).append('\0');
        }
        request.append('\0');   // an empty record ends one tree in --batch mode
        if (trees == null) {
            Optional<Background<Worker>> ahead = treesAhead;
            treesAhead = Optional.empty();
            trees = ahead.map(Background::join).orElseGet(() -> new Worker(git, MKTREE, packs));
        }
        return trees.request(request.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Creates a commit with {@code git commit-tree}, its text in UTF-8. */
    public ObjectId writeCommit(CommitRequest commit) {
        List<String> args = new ArrayList<>();
        // The message and names go over as UTF-8: with i18n.commitEncoding set to another charset, commit-tree would
        // label those bytes with it, and every reader would decode them wrong.
        args.add("-c");
        args.add("i18n.commitEncoding=UTF-8");
        args.add("commit-tree");
        args.add(commit.tree().hex());
        for (ObjectId parent : commit.parents()) {
            args.add("-p");
            args.add(parent.hex());
        }
        boolean signsAsConfigured = commit.signing().mode() == CommitSigning.Mode.CONFIGURED && configSigns();
        int signingAt = args.size();
        args.addAll(commit.signing().arguments(signsAsConfigured));
        args.add("-F");
        args.add("-");
        Map<String, String> env = new HashMap<>();
        commit.author().ifPresent(author -> {
            env.put("GIT_AUTHOR_NAME", author.name());
            env.put("GIT_AUTHOR_EMAIL", author.email());
        });
        commit.authorDate().ifPresent(date -> env.put("GIT_AUTHOR_DATE", date.environmentValue()));
        commit.committerDate().ifPresent(date -> env.put("GIT_COMMITTER_DATE", date.environmentValue()));
        Git runner = env.isEmpty() ? git : git.withVariables(env);
        if (args.stream().anyMatch(arg -> arg.startsWith("-S"))) {
            runner = runner.forSigning();
        }
        byte[] message = commit.message().getBytes(StandardCharsets.UTF_8);
        GitResult result = runner.tryRun(args, message);
        if (!result.succeeded() && lostTemporaryFile(result.stderr())) {
            result = runner.tryRun(args, message);
        }
        if (!result.succeeded() && signsAsConfigured && !git.promptsAllowed()
                && !INVALID_OBJECT.matcher(result.stderr()).find()) {
            // A hook cannot ask for a passphrase: keep the checkpoint, unsigned, rather than lose it.
            LOG.log(Level.WARNING, "commit of tree " + commit.tree().hex() + " could not be signed ("
                    + firstLine(result.stderr()) + "); written unsigned");
            args.set(signingAt, "--no-gpg-sign");
            result = (env.isEmpty() ? git : git.withVariables(env)).tryRun(args, message);
        }
        if (!result.succeeded()) {
            Matcher invalid = INVALID_OBJECT.matcher(result.stderr());
            if (invalid.find()) {
                throw new MissingObjectException(invalid.group(1));
            }
            String signing = args.get(signingAt);
            if (signing.startsWith("-S")) {
                throw new SigningException(signing.substring(2), firstLine(result.stderr()));
            }
            throw new GitException(args, result.exitCode(), result.stderr());
        }
        return ObjectId.of(result.text().strip());
    }

    private static String firstLine(String text) {
        String stripped = text.strip();
        int newline = stripped.indexOf('\n');
        return newline < 0 ? stripped : stripped.substring(0, newline);
    }

    /**
     * Starts reading whether commits are signed here, and the processes that write blobs and trees, for a caller that
     * writes commits soon: the first write then does not wait for those git processes to start, which they do
     * meanwhile.
     */
    public void expectCommits() {
        if (configSigns.isEmpty() && configSignsAhead.isEmpty()) {
            configSignsAhead = Optional.of(Background.start("commit-signing", this::readConfigSigns));
        }
        if (blobs == null && blobsAhead.isEmpty()) {
            blobsAhead = Optional.of(Background.start("blob-writer", () -> new Worker(git, HASH_OBJECT, packs)));
        }
        if (trees == null && treesAhead.isEmpty()) {
            treesAhead = Optional.of(Background.start("tree-writer", () -> new Worker(git, MKTREE, packs)));
        }
    }

    /** Whether {@code git commit} would sign here ({@code commit.gpgSign}, read once as git reads a boolean). */
    private boolean configSigns() {
        if (configSigns.isEmpty()) {
            Optional<Background<Boolean>> ahead = configSignsAhead;
            configSignsAhead = Optional.empty();
            configSigns = Optional.of(ahead.map(Background::join).orElseGet(this::readConfigSigns));
        }
        return configSigns.get();
    }

    private boolean readConfigSigns() {
        GitResult result = git.tryRun(List.of("config", "--type=bool", "--get", "commit.gpgsign"), null);
        return result.succeeded() && result.text().strip().equals("true");
    }

    /**
     * Git writes a loose object through a temporary file in its fan-out folder, and a concurrent {@code git
     * prune-packed} (run by every repack and gc) removes folders it emptied: a write that lands in between fails, and
     * the same write made again succeeds.
     */
    private static boolean lostTemporaryFile(String stderr) {
        return stderr.contains("unable to create temporary file");
    }

    private void deleteScratch(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not delete scratch file " + file + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        configSignsAhead.ifPresent(Background::awaitEnd);   // no git process outlives the writer
        blobsAhead.ifPresent(ObjectWriter::closeUnused);
        treesAhead.ifPresent(ObjectWriter::closeUnused);
        if (blobs != null) {
            blobs.close();
        }
        if (trees != null) {
            trees.close();
        }
    }

    /** Ends a worker started ahead and never asked; one that could not start has nothing to end. */
    private static void closeUnused(Background<Worker> ahead) {
        Worker worker;
        try {
            worker = ahead.join();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "a git process started ahead of a write that never came failed: " + e.getMessage());
            return;
        }
        worker.close();
    }

    /**
     * A git process that answers each request with one line holding an object id. {@code git mktree} looks objects
     * up in the packs and loose folders it listed once, never again, so an object another process wrote or packed
     * since (a repack, gc, a fetch that kept its pack) is "unavailable" to it and it dies: the worker then asks a
     * fresh process, which lists them anew.
     */
    private static final class Worker {
        private static final Pattern UNAVAILABLE = Pattern.compile("object ([0-9a-f]{40,64}) is unavailable");
        /** A process that starts while a repack moves objects from loose files to a pack can miss them again. */
        private static final int ATTEMPTS = 3;

        private final Git git;
        private final List<String> command;
        private final Path packs;
        private Optional<FileTime> packsListed;
        private Process process;
        private OutputStream requests;
        private BufferedReader answers;
        private Git.StreamCollector errors;
        private boolean failureReported;

        Worker(Git git, List<String> command, Path packs) {
            this.git = git;
            this.command = command;
            this.packs = packs;
            start();
        }

        private void start() {
            packsListed = packsModified();
            failureReported = false;
            process = git.start(command);
            requests = process.getOutputStream();
            answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            errors = Git.StreamCollector.start(process.getErrorStream());
        }

        ObjectId request(byte[] request) {
            if (!packsModified().equals(packsListed)) {
                // A process that still serves from packs a repack deleted can even take an object only they held
                // for present, and not write it.
                close();
                start();
            }
            for (int attempt = 1; ; attempt++) {
                Optional<ObjectId> answer = ask(request);
                if (answer.isPresent()) {
                    return answer.get();
                }
                String stderr = endedStderr();
                Optional<String> unavailable = unavailableObject(stderr);
                if (attempt == ATTEMPTS || (unavailable.isEmpty() && !lostTemporaryFile(stderr))) {
                    failureReported = true;
                    if (unavailable.isPresent()) {
                        throw new MissingObjectException(unavailable.get());
                    }
                    throw new GitException(command, process.exitValue(), stderr);
                }
                LOG.log(Level.DEBUG, "git " + String.join(" ", command) + " raced with a repack (" + stderr.strip()
                        + "); asking a fresh process");
                start();
            }
        }

        /** When the pack folder last changed (a pack added or deleted); empty when it cannot be read. */
        private Optional<FileTime> packsModified() {
            try {
                return Optional.of(Files.getLastModifiedTime(packs));
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        /** The answer; empty when the process ended instead of answering. */
        private Optional<ObjectId> ask(byte[] request) {
            try {
                requests.write(request);
                requests.flush();
            } catch (IOException e) {
                if (process.isAlive()) {
                    throw new GitException(command, "request failed", e);
                }
                return Optional.empty();   // it died before reading all of it: its exit and stderr tell why
            }
            try {
                String line = answers.readLine();
                return line == null ? Optional.empty() : Optional.of(ObjectId.of(line.strip()));
            } catch (IOException e) {
                throw new GitException(command, "reading the answer failed", e);
            }
        }

        private String endedStderr() {
            try {
                process.waitFor();
                return errors.text();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new GitException(command, "interrupted", e);
            }
        }

        private static Optional<String> unavailableObject(String stderr) {
            Matcher matcher = UNAVAILABLE.matcher(stderr);
            return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        }

        void close() {
            try {
                requests.close();
                int exit = process.waitFor();
                if (exit != 0 && !failureReported) {
                    throw new GitException(command, exit, errors.text());
                }
            } catch (IOException e) {
                throw new GitException(command, "closing failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GitException(command, "interrupted", e);
            }
        }
    }
}
