package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import io.entire.core.Hex;
import io.entire.core.SmallFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A work tree's HEAD as the files backend keeps it, read without starting git (a hook's git process costs ~2 ms of
 * CPU): {@code ref: <name>} or a commit id. Anything else is left to git: a symbolic link
 * ({@code core.preferSymlinkRefs}), the reftable backend's placeholder branch, an unexpected shape or a read that
 * failed.
 */
final class HeadFile {
    private static final String SYMBOLIC = "ref: ";
    /** What the reftable backend leaves in the HEAD file for older gits; its real HEAD is in the table. */
    private static final String REFTABLE_PLACEHOLDER = "refs/heads/.invalid";

    /** The branch HEAD names; empty when HEAD is detached. */
    record Head(Optional<RefName> branch) {
        Head {
            requireNonNull(branch, "branch is null");
        }
    }

    private HeadFile() {
    }

    /** HEAD of the work tree whose git directory is {@code gitDir}; empty when git must be asked. */
    static Optional<Head> read(Path gitDir, int hashHexLength) {
        Path file = gitDir.resolve("HEAD");
        String text;
        try {
            if (Files.isSymbolicLink(file)) {
                return Optional.empty();
            }
            text = SmallFiles.readUtf8(file);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (!text.endsWith("\n") || text.indexOf('\n') != text.length() - 1) {
            return Optional.empty();
        }
        String value = text.substring(0, text.length() - 1);
        if (value.startsWith(SYMBOLIC)) {
            return branch(value.substring(SYMBOLIC.length()));
        }
        return Hex.isLowerHex(value, hashHexLength) ? Optional.of(new Head(Optional.empty())) : Optional.empty();
    }

    private static Optional<Head> branch(String name) {
        if (!name.startsWith("refs/") || name.equals(REFTABLE_PLACEHOLDER)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Head(Optional.of(RefName.of(name))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
