package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Writes reworded copies of a chain of commits, keeping each one's tree, author and author date as
 * {@code git commit --amend} does (the committer and date are the user's, now; signing follows their git config).
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
                        Optional.of(GitDate.parseRaw(fields[5])), Optional.empty(), CommitSigning.configured())));
            }
        }
        return Optional.ofNullable(rewritten.get(chain.get(chain.size() - 1)));
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
