package io.entire.core.git;

import static java.util.Objects.requireNonNull;

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
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes blobs, trees and commits into the object database. Blobs go through one {@code git hash-object
 * --stdin-paths} process and trees through one {@code git mktree --batch}, started on first use; commits go through
 * {@code git commit-tree}, which applies the user's identity and signing configuration. Every object is in the
 * object database (and so visible to readers) as soon as its id is returned. Single-threaded; close it when done.
 */
public final class ObjectWriter implements AutoCloseable {
    private static final System.Logger LOG = Log.of(ObjectWriter.class);

    private static final List<String> HASH_OBJECT = List.of("hash-object", "-w", "--no-filters", "--stdin-paths");
    private static final List<String> MKTREE = List.of("mktree", "-z", "--batch");

    private final Git git;
    private final Path scratch;
    private Worker blobs;
    private Worker trees;

    ObjectWriter(Git git, Path scratch) {
        this.git = requireNonNull(git, "git is null");
        this.scratch = requireNonNull(scratch, "scratch is null");
    }

    /** Writes the bytes as a blob. */
    public ObjectId writeBlob(byte[] content) {
        Path file = null;
        try {
            file = ScratchFiles.create(scratch, "blob", ".tmp");
            Files.write(file, content);
            return writeBlob(file);
        } catch (IOException e) {
            throw new UncheckedIOException("writing a scratch file in " + scratch, e);
        } finally {
            deleteScratch(file);
        }
    }

    /** Writes a file's bytes as a blob; git streams it, so its size does not matter to the heap. */
    public ObjectId writeBlob(Path file) {
        String path = file.toAbsolutePath().toString();
        if (path.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("file name with a newline: " + path);
        }
        if (blobs == null) {
            blobs = new Worker(git, HASH_OBJECT);
        }
        return blobs.request((path + "\n").getBytes(StandardCharsets.UTF_8));
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
            trees = new Worker(git, MKTREE);
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
        args.addAll(commit.signing().arguments());
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
        GitResult result = runner.run(args, commit.message().getBytes(StandardCharsets.UTF_8));
        return ObjectId.of(result.text().strip());
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
        if (blobs != null) {
            blobs.close();
        }
        if (trees != null) {
            trees.close();
        }
    }

    /** A git process that answers each request with one line holding an object id. */
    private static final class Worker {
        private final List<String> command;
        private final Process process;
        private final OutputStream requests;
        private final BufferedReader answers;
        private final Git.StreamCollector errors;

        Worker(Git git, List<String> command) {
            this.command = command;
            this.process = git.start(command);
            this.requests = process.getOutputStream();
            this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.errors = Git.StreamCollector.start(process.getErrorStream());
        }

        ObjectId request(byte[] request) {
            try {
                requests.write(request);
                requests.flush();
                String line = answers.readLine();
                if (line == null) {
                    int exit = process.waitFor();
                    throw new GitException(command, exit, errors.text());
                }
                return ObjectId.of(line.strip());
            } catch (IOException e) {
                throw new GitException(command, "request failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GitException(command, "interrupted", e);
            }
        }

        void close() {
            try {
                requests.close();
                int exit = process.waitFor();
                if (exit != 0) {
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
