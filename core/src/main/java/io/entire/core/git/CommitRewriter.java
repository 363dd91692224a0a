package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Writes reworded copies of a chain of commits, keeping each one's tree, author and author date as
 * {@code git commit --amend} does (the committer and date are the user's, now; signing follows their git config,
 * and a commit that was signed is signed again: a rewrite never turns a signed commit into an unsigned one).
 * It moves no ref; the objects it writes exist once {@link #reword} returns.
 */
final class CommitRewriter {
    private static final String FORMAT = "--format=%H%n%T%n%P%n%an%n%ae%n%ad%n%B";

    private final Git git;
    private final ObjectWriter writer;

    CommitRewriter(Git git, ObjectWriter writer) {
        this.git = requireNonNull(git, "git is null");
        this.writer = requireNonNull(writer, "writer is null");
    }

    /**
     * Rewords the chain (oldest first; parents outside it or earlier in it): a commit whose message changes, or one
     * of whose parents was rewritten, is written anew. Returns the new id of the chain's last commit, empty when
     * nothing changed.
     */
    Optional<ObjectId> reword(List<ObjectId> chain, BiFunction<ObjectId, String, String> reword) {
        StringBuilder revisions = new StringBuilder();
        chain.forEach(commit -> revisions.append(commit.hex()).append('\n'));
        // One git log for the whole chain, in the order given (--no-walk=unsorted), messages re-encoded to UTF-8.
        String log = new String(git.run(List.of("log", "--no-walk=unsorted", "--stdin", "--no-show-signature",
                "--encoding=UTF-8", "-z", "--date=raw", FORMAT), revisions.toString().getBytes(
                StandardCharsets.US_ASCII)).stdoutInPlace(), StandardCharsets.UTF_8);
        Set<ObjectId> signed = signed(chain);
        Map<ObjectId, ObjectId> rewritten = new HashMap<>();
        for (String entry : log.split("\0")) {
            String[] fields = entry.split("\n", 7);
            ObjectId commit = ObjectId.of(fields[0]);
            String message = fields.length > 6 ? fields[6] : "";
            String reworded = reword.apply(commit, message);
            List<ObjectId> parents = parents(fields[2]);
            List<ObjectId> newParents = parents.stream().map(parent -> rewritten.getOrDefault(parent, parent))
                    .toList();
            if (!reworded.equals(message) || !newParents.equals(parents)) {
                rewritten.put(commit, writer.writeCommit(new CommitRequest(ObjectId.of(fields[1]), newParents,
                        reworded, Optional.of(new Identity(fields[3], fields[4])),
                        Optional.of(GitDate.parseRaw(fields[5])), Optional.empty(),
                        signed.contains(commit) ? CommitSigning.always() : CommitSigning.configured())));
            }
        }
        return Optional.ofNullable(rewritten.get(chain.get(chain.size() - 1)));
    }

    /** The commits of the chain that carry a signature (a gpgsig header: gpg, ssh or x509), from one cat-file. */
    private Set<ObjectId> signed(List<ObjectId> chain) {
        StringBuilder ids = new StringBuilder();
        chain.forEach(commit -> ids.append(commit.hex()).append('\n'));
        byte[] objects = git.run(List.of("cat-file", "--batch"), ids.toString().getBytes(StandardCharsets.US_ASCII))
                .stdoutInPlace();
        Set<ObjectId> signed = new HashSet<>();
        int at = 0;
        for (ObjectId commit : chain) {
            int headerEnd = indexOf(objects, (byte) '\n', at);
            String[] header = new String(objects, at, headerEnd - at, StandardCharsets.US_ASCII).split(" ");
            int size = Integer.parseInt(header[2]);
            String raw = new String(objects, headerEnd + 1, size, StandardCharsets.UTF_8);
            int headersEnd = raw.indexOf("\n\n");
            String headers = headersEnd < 0 ? raw : raw.substring(0, headersEnd);
            if (headers.contains("\ngpgsig ") || headers.contains("\ngpgsig-sha256 ")) {
                signed.add(commit);
            }
            at = headerEnd + 1 + size + 1;
        }
        return signed;
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        throw new IllegalStateException("cat-file --batch output ends early");
    }

    /** The parents of a {@code %P} line: ids separated by spaces, none for a root commit. */
    static List<ObjectId> parents(String line) {
        List<ObjectId> parents = new ArrayList<>();
        for (String parent : line.split(" ")) {
            if (!parent.isBlank()) {
                parents.add(ObjectId.of(parent));
            }
        }
        return parents;
    }
}
