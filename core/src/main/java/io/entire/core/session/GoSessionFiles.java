package io.entire.core.session;

import io.entire.core.git.ObjectHasher;
import io.entire.core.git.ObjectId;
import io.entire.core.model.TokenUsage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The steps of a session the Go tool recorded. Its state file keeps only how many steps there were and which files
 * they touched (the contents are on its shadow branch), so they are read as one step holding those files as the
 * work tree holds them now: what a commit of the agent's work takes.
 */
final class GoSessionFiles {
    private GoSessionFiles() {
    }

    static List<Step> step(long stepCount, List<String> filesTouched, Path worktree, int hashHexLength,
            Instant at, long transcriptLines) {
        if (filesTouched.isEmpty()) {
            return List.of();
        }
        ObjectHasher hasher = new ObjectHasher(hashHexLength);
        List<FileSnapshot> files = new ArrayList<>(filesTouched.size());
        for (String path : filesTouched) {
            Path file = worktree.resolve(path).normalize();
            if (!file.startsWith(worktree.normalize())) {
                throw new IllegalArgumentException("files_touched: '" + path + "' is outside the work tree");
            }
            files.add(new FileSnapshot(path, blob(hasher, file)));
        }
        return List.of(new Step(Math.toIntExact(Math.max(1, stepCount)), at, files, List.of(), TokenUsage.ZERO,
                transcriptLines));
    }

    private static Optional<ObjectId> blob(ObjectHasher hasher, Path file) {
        try {
            if (Files.isSymbolicLink(file)) {
                return Optional.of(hasher.blob(Files.readSymbolicLink(file).toString()
                        .getBytes(StandardCharsets.UTF_8)));
            }
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(hasher.blob(Files.readAllBytes(file)));
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file + ", a file the session touched", e);
        }
    }
}
