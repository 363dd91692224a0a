package io.entire.core.git;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** git's own blame of a work-tree file, read from one {@code git blame --porcelain}. */
public final class Blame {
    private Blame() {
    }

    /**
     * Every line of the file as it is in the work tree (or only the range), with the commit that last touched it.
     * A path git cannot blame (untracked, outside the repository) or a range past the end is a
     * {@link BlameException} carrying git's own words; one made before the first commit says so.
     */
    public static List<BlamedLine> of(GitRepository repository, String path, Optional<LineRange> range) {
        List<String> args = new ArrayList<>(List.of("blame", "--porcelain"));
        range.ifPresent(lines -> args.addAll(List.of("-L", lines.start() + "," + lines.end())));
        args.addAll(List.of("--", path));
        GitResult result = repository.git().tryRun(args, null);
        if (!result.succeeded()) {
            throw new BlameException(path, repository.unbornHead().orElseGet(() -> result.stderr().strip()));
        }
        return parse(new String(result.stdoutInPlace(), StandardCharsets.UTF_8));
    }

    /**
     * The porcelain format gives each line a header {@code <sha> <original> <final> [<count>]}, the commit's
     * {@code key value} lines the first time that commit appears (its {@code filename} again when the path varies),
     * then the line's text after a tab.
     */
    static List<BlamedLine> parse(String porcelain) {
        Map<String, Map<String, String>> commits = new HashMap<>();
        List<BlamedLine> lines = new ArrayList<>();
        Map<String, String> current = null;
        String sha = null;
        int number = 0;
        int original = 0;
        String path = null;
        for (String line : porcelain.split("\n", -1)) {
            if (line.startsWith("\t")) {
                Map<String, String> commit = commits.get(sha);
                lines.add(new BlamedLine(number, ObjectId.of(sha), original,
                        path != null ? path : commit.getOrDefault("filename", ""), commit.getOrDefault("author", ""),
                        Instant.ofEpochSecond(Long.parseLong(commit.getOrDefault("author-time", "0"))),
                        commit.getOrDefault("summary", ""), line.substring(1)));
                sha = null;
            } else if (sha == null && !line.isEmpty()) {
                String[] header = line.split(" ");
                sha = header[0];
                original = Integer.parseInt(header[1]);
                number = Integer.parseInt(header[2]);
                if (header.length > 3) {
                    path = null;   // a group starts: its path is the commit's unless given again
                }
                current = commits.computeIfAbsent(sha, key -> new HashMap<>());
            } else if (line.startsWith("filename ")) {
                // Given again in a group when the commit touched the lines under more than one path.
                path = line.substring("filename ".length());
                current.putIfAbsent("filename", path);
            } else if (!line.isEmpty()) {
                int space = line.indexOf(' ');
                current.putIfAbsent(space < 0 ? line : line.substring(0, space), space < 0 ? ""
                        : line.substring(space + 1));
            }
        }
        return lines;
    }
}
