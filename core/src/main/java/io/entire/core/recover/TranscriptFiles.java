package io.entire.core.recover;

import static java.util.Objects.requireNonNull;

import io.entire.core.OwnFiles;
import io.entire.core.Sha256;
import io.entire.core.id.SessionId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Cuts and replaces agents' transcript files without losing a line: before a transcript changes, its content is kept
 * in {@code <git common dir>/entire-rewind/<session-id>/<content hash>.jsonl} (owner-only; equal contents share one
 * file), where a later rewind to a later step finds the lines an earlier one cut. Each write goes through a temporary
 * file beside the transcript and a rename, so the agent never reads half a file.
 */
final class TranscriptFiles {
    static final String DIRECTORY = "entire-rewind";

    private final Path commonDir;

    TranscriptFiles(Path commonDir) {
        this.commonDir = requireNonNull(commonDir, "commonDir is null");
    }

    /** What a write did, and where the previous content went. */
    record Written(TranscriptOutcome outcome, Optional<Path> backup) {
        Written {
            requireNonNull(outcome, "outcome is null");
            requireNonNull(backup, "backup is null");
        }
    }

    /**
     * Makes the transcript its first {@code lines} lines: cut from the file itself when it is longer, or taken from
     * the newest backup that has them when a rewind cut them before.
     */
    Written cutTo(SessionId session, Path transcript, long lines) {
        try {
            boolean exists = Files.isRegularFile(transcript);
            long present = exists ? lineCount(transcript) : 0;
            if (exists && present == lines) {
                return new Written(TranscriptOutcome.UNCHANGED, Optional.empty());
            }
            Optional<Path> source = exists && present > lines ? Optional.of(transcript) : newestBackup(session, lines);
            if (source.isEmpty()) {
                return new Written(TranscriptOutcome.UNAVAILABLE, Optional.empty());
            }
            Optional<Path> backup = exists ? Optional.of(keep(session, transcript)) : Optional.empty();
            Path copy = source.get().equals(transcript) ? backup.orElseThrow() : source.get();
            Path temporary = temporaryBeside(transcript);
            try (InputStream in = Files.newInputStream(copy); OutputStream out = Files.newOutputStream(temporary)) {
                copyLines(in, out, lines);
            }
            Files.move(temporary, transcript, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Written(TranscriptOutcome.WRITTEN, backup);
        } catch (IOException e) {
            throw new UncheckedIOException("restoring transcript " + transcript, e);
        }
    }

    /** Puts {@code content} where the transcript is; a newer transcript stays there unless {@code overwrite} says. */
    Written replace(SessionId session, Path transcript, Path content, Overwrite overwrite) {
        try {
            Optional<Path> backup = Optional.empty();
            if (Files.isRegularFile(transcript)) {
                if (Files.mismatch(transcript, content) == -1) {
                    return new Written(TranscriptOutcome.UNCHANGED, Optional.empty());
                }
                if (overwrite == Overwrite.KEEP_NEWER && lineCount(transcript) >= lineCount(content)) {
                    return new Written(TranscriptOutcome.KEPT_NEWER, Optional.empty());
                }
                backup = Optional.of(keep(session, transcript));
            }
            Path temporary = temporaryBeside(transcript);
            copyInto(content, temporary);
            Files.move(temporary, transcript, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Written(TranscriptOutcome.WRITTEN, backup);
        } catch (IOException e) {
            throw new UncheckedIOException("writing transcript " + transcript, e);
        }
    }

    /** Keeps a copy of the transcript as it is now; returns the copy. */
    private Path keep(SessionId session, Path transcript) throws IOException {
        Path folder = backupFolder(session);
        Sha256 hash = new Sha256();
        try (InputStream in = Files.newInputStream(transcript); OutputStream out = hash.stream()) {
            in.transferTo(out);
        }
        Path backup = folder.resolve(HexFormat.of().formatHex(hash.digest(), 0, 8) + ".jsonl");
        if (Files.isRegularFile(backup)) {
            // The newest backup is searched first: this content was the transcript last.
            Files.setLastModifiedTime(backup, FileTime.from(Instant.now()));
            return backup;
        }
        Path temporary = OwnFiles.createPrivateFile(folder.resolve(backup.getFileName() + ".tmp-" + System.nanoTime()));
        copyInto(transcript, temporary);
        return Files.move(temporary, backup, StandardCopyOption.ATOMIC_MOVE);
    }

    private Optional<Path> newestBackup(SessionId session, long lines) throws IOException {
        Path folder = commonDir.resolve(DIRECTORY).resolve(session.value());
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        List<Path> backups = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.jsonl")) {
            files.forEach(backups::add);
        }
        backups.sort((left, right) -> modified(right).compareTo(modified(left)));
        for (Path backup : backups) {
            if (lineCount(backup) >= lines) {
                return Optional.of(backup);
            }
        }
        return Optional.empty();
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the time of " + file, e);
        }
    }

    private Path backupFolder(SessionId session) throws IOException {
        OwnFiles.directory(commonDir, DIRECTORY, OwnFiles.Access.PRIVATE);
        return OwnFiles.directory(commonDir.resolve(DIRECTORY), session.value(), OwnFiles.Access.PRIVATE);
    }

    /** Copies into a file that exists, keeping its owner-only permissions (a replacing copy would not). */
    private static void copyInto(Path source, Path target) throws IOException {
        try (OutputStream out = Files.newOutputStream(target)) {
            Files.copy(source, out);
        }
    }

    private static Path temporaryBeside(Path transcript) throws IOException {
        Files.createDirectories(transcript.getParent());
        return OwnFiles.createPrivateFile(transcript.resolveSibling("." + transcript.getFileName() + ".entire-"
                + System.nanoTime()));
    }

    /** Lines as the capture hooks count them: a last line without its newline counts too. */
    static long lineCount(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return copyLines(in, OutputStream.nullOutputStream(), Long.MAX_VALUE);
        }
    }

    /** Copies up to {@code lines} lines (each with its newline); returns how many it copied. */
    private static long copyLines(InputStream in, OutputStream out, long lines) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long copied = 0;
        boolean open = false;   // bytes of a line whose newline has not come yet
        int read;
        while (copied < lines && (read = in.read(buffer)) > 0) {
            int end = 0;
            while (end < read && copied < lines) {
                if (buffer[end++] == '\n') {
                    copied++;
                    open = false;
                } else {
                    open = true;
                }
            }
            out.write(buffer, 0, end);
        }
        return open && copied < lines ? copied + 1 : copied;
    }
}
