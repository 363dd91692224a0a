package io.entire.core.store.shadow;

import io.entire.core.Sha256;
import io.entire.core.git.ObjectId;
import io.entire.core.git.RefName;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The names of shadow branches: {@code entire/<base commit[0:7]>-<sha256(worktree id)[0:6]>}, where the worktree id
 * is empty for the main work tree (the Go tool names them the same way, so either tool finds the other's).
 */
public final class ShadowBranch {
    private static final Pattern NAME = Pattern.compile("refs/heads/entire/[0-9a-f]{7}-[0-9a-f]{6}");

    private ShadowBranch() {
    }

    public static RefName name(ObjectId baseCommit, String worktreeId) {
        return RefName.of("refs/heads/entire/" + baseCommit.abbreviated() + "-" + worktreeHash(worktreeId));
    }

    /** Whether a ref is a shadow branch (and not, say, {@code entire/checkpoints/v1}). */
    public static boolean isShadow(RefName ref) {
        return NAME.matcher(ref.name()).matches();
    }

    private static String worktreeHash(String worktreeId) {
        byte[] digest = Sha256.digest(worktreeId.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 3);
    }
}
