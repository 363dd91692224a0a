package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A compare-and-swap update of one ref whose {@code git update-ref --stdin} starts before the new value is known, so
 * that it starts while the caller writes the objects and the update costs one exchange instead of a process. The
 * first {@link #update} goes through that process, any later one (a retry) through a process of its own, as
 * {@link Refs#update}. The process changes nothing until it is given the update: closed unused, or this JVM killed,
 * it ends with an empty transaction. Used by one thread; close it.
 */
public final class RefUpdateAhead implements AutoCloseable {
    private final Refs refs;
    private final RefName ref;
    private final String reason;
    private final int hashHexLength;
    private final List<String> args;
    private final Process process;
    private final Git.StreamCollector stderr;
    private boolean used;

    RefUpdateAhead(Git git, Refs refs, RefName ref, String reason, int hashHexLength) {
        this.refs = requireNonNull(refs, "refs is null");
        this.ref = requireNonNull(ref, "ref is null");
        this.reason = requireNonNull(reason, "reason is null");
        this.hashHexLength = hashHexLength;
        this.args = List.of("update-ref", "-m", reason, "--stdin");
        this.process = git.start(args);
        this.stderr = Git.StreamCollector.start(process.getErrorStream());
    }

    /** Moves the ref to {@code newValue} only if it holds {@code expected}. */
    public RefUpdateResult update(Expected expected, ObjectId newValue) {
        if (used) {
            return refs.update(ref, expected, newValue, reason);
        }
        if (expected.value().equals(Optional.of(newValue))) {
            close();
            return refs.update(ref, expected, newValue, reason);
        }
        String command = "update " + ref.name() + " " + newValue.hex() + " " + expected.forGit(hashHexLength) + "\n";
        return refs.outcome(ref, expected, args, end(command.getBytes(StandardCharsets.UTF_8)));
    }

    /** Ends the process after the transaction {@code input} (empty: none). */
    private GitResult end(byte[] input) {
        used = true;
        try (OutputStream stdin = process.getOutputStream(); InputStream stdout = process.getInputStream()) {
            stdin.write(input);
            stdin.close();
            stdout.transferTo(OutputStream.nullOutputStream());
            return new GitResult(process.waitFor(), new byte[0], stderr.text());
        } catch (IOException e) {
            process.destroyForcibly();
            throw new GitException(args, "the update failed", e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new GitException(args, "interrupted", e);
        }
    }

    @Override
    public void close() {
        if (!used) {
            GitResult result = end(new byte[0]);
            if (!result.succeeded()) {
                throw new GitException(args, result.exitCode(), result.stderr());
            }
        }
    }
}
