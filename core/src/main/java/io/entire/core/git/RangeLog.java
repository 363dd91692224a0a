package io.entire.core.git;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The commits of a range as a person gives it to {@code git log} ({@code main..HEAD}, a tag, a commit). */
public final class RangeLog {
    private RangeLog() {
    }

    /**
     * The commits whose message contains {@code text}, oldest first, from one {@code git log}. A range git does not
     * know is a {@link RangeException} carrying git's own words.
     */
    public static List<DatedCommit> mentioning(GitRepository repository, String range, String text) {
        return log(repository, range, List.of("-F", "--grep=" + text));
    }

    /** Every commit of the range, oldest first, from one {@code git log}; an unknown range as {@link #mentioning}. */
    public static List<DatedCommit> all(GitRepository repository, String range) {
        return log(repository, range, List.of());
    }

    private static List<DatedCommit> log(GitRepository repository, String range, List<String> filter) {
        List<String> args = new ArrayList<>(List.of("log", "--no-show-signature", "--encoding=UTF-8", "-z",
                "--format=%H%n%T%n%ct%n%B"));
        args.addAll(filter);
        args.addAll(List.of("--end-of-options", range, "--"));
        GitResult result = repository.git().tryRun(args, null);
        if (!result.succeeded()) {
            throw new RangeException(range, repository.unbornHead().orElseGet(() -> result.stderr().strip()));
        }
        List<DatedCommit> commits = new ArrayList<>();
        for (String entry : new String(result.stdoutInPlace(), StandardCharsets.UTF_8).split("\0")) {
            String[] fields = entry.split("\n", 4);
            if (fields.length == 4) {
                String message = fields[3];
                commits.add(new DatedCommit(ObjectId.of(fields[0]), ObjectId.of(fields[1]),
                        Instant.ofEpochSecond(Long.parseLong(fields[2])),
                        message.endsWith("\n") ? message.substring(0, message.length() - 1) : message));
            }
        }
        Collections.reverse(commits);
        return commits;
    }
}
