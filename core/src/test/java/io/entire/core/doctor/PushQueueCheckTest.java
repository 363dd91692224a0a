package io.entire.core.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.entire.core.doctor.QueueProblem.Kind;
import io.entire.core.git.GitRepository;
import io.entire.core.git.RefName;
import io.entire.core.push.PushQueue;
import io.entire.core.testing.TestRepository;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real repository's push queue with one line of each kind pushes skip. */
class PushQueueCheckTest {
    @TempDir
    Path temp;

    @Test
    void eachMalformedLineCarriesItsNumberKindAndTheRefItNames() throws Exception {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        ByteArrayOutputStream queue = new ByteArrayOutputStream();
        queue.writeBytes(("{\"ref\":\"refs/entire/checkpoints/v2/a1/b2c3d4e5f6\"}\n"
                + "{\"ref\":\"refs/heads/main\"}\n{\"kind\":\"push\"}\nnot json\n\n").getBytes(StandardCharsets.UTF_8));
        queue.writeBytes(new byte[] {'{', '"', (byte) 0xff, '"', '}', '\n'});
        Files.write(repository.commonDir().resolve(PushQueue.FILE), queue.toByteArray());

        PushQueueCheck.Result result = new PushQueueCheck(repository.commonDir()).check();

        assertThat(result.entries()).isEqualTo(1);
        assertThat(result.problems()).extracting(QueueProblem::line, QueueProblem::kind, QueueProblem::ref)
                .containsExactly(tuple(2, Kind.NOT_A_CHECKPOINT_REF, Optional.of(RefName.of("refs/heads/main"))),
                        tuple(3, Kind.NO_REF, Optional.empty()),
                        tuple(4, Kind.NOT_A_QUEUE_ENTRY, Optional.empty()),
                        tuple(6, Kind.NOT_UTF8, Optional.empty()));
        assertThat(result.problems().get(0).sentence())
                .isEqualTo(PushQueue.FILE + " line 2: refs/heads/main is not a checkpoint ref");
        assertThat(result.problems().get(2).reason()).as("the parser's reason").isNotBlank();
        assertThat(result.problems().get(2).sentence())
                .isEqualTo(PushQueue.FILE + " line 4: not a queue entry (" + result.problems().get(2).reason() + ")");
    }
}
