package io.entire.core.git;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The objects that trees name and the repository lacks, found by one {@code git rev-list --objects --missing=print}
 * walk over all of them: git prints every object it reaches and each one it lacks with a {@code ?} before it. Not for
 * a partial clone, which lacks objects by design.
 */
public final class MissingObjects {
    private static final List<String> COMMAND = List.of("rev-list", "--objects", "--no-object-names",
            "--missing=print", "--stdin");

    private MissingObjects() {
    }

    /** What the trees (and the trees and blobs under them) name that the repository does not have. */
    public static Set<ObjectId> under(GitRepository repository, Collection<ObjectId> trees) {
        if (trees.isEmpty()) {
            return Set.of();
        }
        StringBuilder input = new StringBuilder(trees.size() * 65);
        for (ObjectId tree : trees) {
            input.append(tree.hex()).append('\n');
        }
        int hexLength = repository.hashHexLength();
        return repository.git().stream(COMMAND, input.toString().getBytes(StandardCharsets.US_ASCII),
                output -> missing(output.readAllBytes(), hexLength));
    }

    /**
     * The ids of the lines that start with {@code ?}; every other line is an object that is there. The lines are ids
     * of one length, so the walk goes from line to line rather than byte to byte.
     */
    private static Set<ObjectId> missing(byte[] lines, int hexLength) {
        Set<ObjectId> missing = new HashSet<>();
        int position = 0;
        while (position < lines.length) {
            int start = lines[position] == '?' ? position + 1 : position;
            int end = start + hexLength;
            if (end >= lines.length || lines[end] != '\n') {
                end = start;
                while (end < lines.length && lines[end] != '\n') {
                    end++;
                }
            }
            if (start > position) {
                missing.add(ObjectId.of(new String(lines, start, end - start, StandardCharsets.US_ASCII)));
            }
            position = end + 1;
        }
        return missing;
    }
}
