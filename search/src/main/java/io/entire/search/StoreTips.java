package io.entire.search;

import io.entire.core.git.GitRepository;
import io.entire.core.git.ObjectId;
import io.entire.core.git.RefName;
import io.entire.core.store.StoreSet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A digest of everything the stores list checkpoints from: every checkpoint ref, the v1 branch and its
 * remote-tracking copies (all of {@code refs/remotes/}, since reads may fall back to any), the store mode, and which
 * remote reads prefer. Equal digests mean the stores hold the same checkpoint folders, so the index need not compare
 * them; any ref that moves changes it.
 */
final class StoreTips {
    private static final List<String> PREFIXES = List.of("refs/entire/", "refs/heads/entire/", "refs/remotes/");

    private StoreTips() {
    }

    static String of(GitRepository repository, StoreSet stores) {
        StringBuilder identity = new StringBuilder();
        identity.append("mode ").append(stores.mode()).append('\n');
        identity.append("v2 ").append(stores.v2Store().isPresent()).append('\n');
        stores.remotes().forReading().ifPresent(destination -> identity.append("remote ")
                .append(stores.remotes().trackingName(destination)).append('\n'));
        for (String prefix : PREFIXES) {
            for (Map.Entry<RefName, ObjectId> ref : repository.refs().list(prefix).entrySet()) {
                identity.append(ref.getValue().hex()).append(' ').append(ref.getKey().name()).append('\n');
            }
        }
        return HexFormat.of().formatHex(sha256().digest(identity.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
