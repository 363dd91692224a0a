package io.entire.core.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.Environment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ref update whose git process starts before the new value is known moves the ref by compare-and-swap as
 * {@link Refs#update} does, with its reflog message; unused, its process ends and changes nothing.
 */
class RefUpdateAheadTest {
    private static final RefName REF = RefName.of("refs/heads/entire/checkpoints/v1");

    @TempDir
    Path temp;
    GitRepository repository;
    ObjectId old;
    ObjectId next;

    @BeforeEach
    void setUp() {
        TwoCommits commits = TwoCommits.in(temp.resolve("repo"));
        repository = commits.repository();
        old = commits.old();
        next = commits.next();
    }

    @Test
    void createsThenMovesTheRefByCompareAndSwapWithItsReason() {
        try (RefUpdateAhead ahead = repository.refs().updateAhead(REF, "entire: checkpoint a3b2c4d5e6f7")) {
            assertThat(ahead.update(Expected.absent(), old)).isEqualTo(RefUpdateResult.CREATED);
        }
        try (RefUpdateAhead ahead = repository.refs().updateAhead(REF, "entire: checkpoint b3b2c4d5e6f7")) {
            assertThat(ahead.update(Expected.value(old), next)).isEqualTo(RefUpdateResult.UPDATED);
        }

        assertThat(repository.refs().find(REF)).isEqualTo(Optional.of(next));
        assertThat(repository.git().run("reflog", "show", "--format=%gs", REF.name()).text().lines())
                .containsExactly("entire: checkpoint b3b2c4d5e6f7", "entire: checkpoint a3b2c4d5e6f7");
    }

    @Test
    void aRefThatMovedMeanwhileIsStaleAndKeepsItsValue() {
        repository.git().run("update-ref", REF.name(), next.hex());
        try (RefUpdateAhead ahead = repository.refs().updateAhead(REF, "test")) {
            assertThat(ahead.update(Expected.absent(), old)).isEqualTo(RefUpdateResult.REJECTED_STALE);
            assertThat(ahead.update(Expected.value(next), old)).as("a retry").isEqualTo(RefUpdateResult.UPDATED);
        }
        assertThat(repository.refs().find(REF)).isEqualTo(Optional.of(old));
    }

    @Test
    void unusedItsProcessEndsWellAndNothingMoves() throws IOException {
        Path directory = temp.resolve("repo");
        Path trace = temp.resolve("trace.json");
        Map<String, String> variables = new HashMap<>(System.getenv());
        variables.put("GIT_TRACE2_EVENT", trace.toString());
        GitRepository traced = GitRepository.open(directory, Environment.of(variables, directory, temp));

        try (RefUpdateAhead ahead = traced.refs().updateAhead(REF, "test")) {
            assertThat(ahead).isNotNull();
        }

        assertThat(repository.refs().find(REF)).isEmpty();
        List<String> events = Files.readAllLines(trace, StandardCharsets.UTF_8);
        assertThat(events).anyMatch(event -> event.contains("\"event\":\"start\"") && event.contains("update-ref"));
        assertThat(events).anyMatch(event -> event.contains("\"event\":\"exit\"") && event.contains("\"code\":0"));
    }
}
