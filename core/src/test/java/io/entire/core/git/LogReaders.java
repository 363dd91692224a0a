package io.entire.core.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** What the reads that go through git log must see of a commit, whatever the user's log settings. */
final class LogReaders {
    private LogReaders() {
    }

    /** HEAD's commit and {@code message}, found by its trailer too; {@code head} is the repository's HEAD. */
    static void assertReadHead(GitRepository repository, ObjectId head, String message) {
        assertThat(repository.headCommit()).contains(new LoggedCommit(head, message));
        assertThat(repository.commitMessage(head)).isEqualTo(message);
        assertThat(repository.commitsMentioning("Entire-Checkpoint: a3b2c4d5e6f7", List.of("HEAD")))
                .containsExactly(new LoggedCommit(head, message.substring(0, message.length() - 1)));
    }
}
