package io.entire.core.agent.opencode;

import static java.util.Objects.requireNonNull;

import io.entire.core.Environment;
import io.entire.core.ProcessUser;
import io.entire.core.agent.RestoreTarget;
import io.entire.core.agent.TranscriptAcceptance;
import io.entire.core.agent.TranscriptLocator;
import io.entire.core.id.SessionId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Where OpenCode sessions are read from: OpenCode 1.18 keeps them in a SQLite database, so Entire's plugin writes
 * each session it records to {@code <work tree>/.entire/tmp/<session id>.json} (where the Go tool's export goes too),
 * and hooks name that file.
 */
final class OpenCodeTranscriptLocator implements TranscriptLocator {
    @Override
    public Path sessionDirectory(Path workTree, Environment environment) {
        requireNonNull(workTree, "workTree is null");
        return workTree.resolve(".entire").resolve("tmp");
    }

    @Override
    public Optional<Path> find(SessionId session, Path workTree, Environment environment) {
        requireNonNull(session, "session is null");
        Path file = sessionDirectory(workTree, environment).resolve(session.value() + ".json");
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Optional.of(file) : Optional.empty();
    }

    /**
     * The export in {@code .entire/tmp}: OpenCode resumes only sessions in its database, which
     * {@code opencode import <file>} brings the export into.
     */
    @Override
    public RestoreTarget restoreTarget(SessionId session, Path workTree, Environment environment,
            Optional<Path> stored) {
        requireNonNull(session, "session is null");
        Path file = sessionDirectory(workTree, environment).resolve(session.value() + ".json");
        return new RestoreTarget(file, Optional.of("opencode import " + file));
    }

    /**
     * Accepted: a regular {@code <session id>.json} owned by this process's user whose real folder is
     * {@code .entire/tmp} of a work tree holding the hook's working directory; anything else a payload names would be
     * copied into a checkpoint and pushed.
     */
    @Override
    public TranscriptAcceptance accept(Path claimed, Environment environment) {
        requireNonNull(claimed, "claimed is null");
        requireNonNull(environment, "environment is null");
        Path real;
        Path workingDirectory;
        try {
            real = claimed.toRealPath();
            workingDirectory = environment.workingDirectory().toRealPath();
        } catch (IOException | SecurityException e) {
            return TranscriptAcceptance.refused(claimed, "it cannot be resolved (" + e.getMessage() + ")");
        }
        Path folder = real.getParent();
        Path entire = folder == null ? null : folder.getParent();
        Path workTree = entire == null ? null : entire.getParent();
        if (workTree == null || !folder.getFileName().toString().equals("tmp")
                || !entire.getFileName().toString().equals(".entire") || !workingDirectory.startsWith(workTree)) {
            return TranscriptAcceptance.refused(claimed, "it is not in the .entire/tmp folder of " + workingDirectory);
        }
        String name = real.getFileName().toString();
        if (!name.endsWith(".json") || SessionId.parse(name.substring(0, name.length() - ".json".length())).isEmpty()) {
            return TranscriptAcceptance.refused(claimed, "it is not named <session id>.json");
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                return TranscriptAcceptance.refused(claimed, "it is not a regular file");
            }
            if (!ProcessUser.owns(real, folder)) {
                return TranscriptAcceptance.refused(claimed, "it belongs to another user");
            }
        } catch (IOException | UnsupportedOperationException e) {
            return TranscriptAcceptance.refused(claimed, "its owner cannot be read (" + e.getMessage() + ")");
        }
        return TranscriptAcceptance.accepted(real);
    }
}
