package io.entire.core.doctor;

import static java.util.Objects.requireNonNull;

import io.entire.core.doctor.QueueProblem.Kind;
import io.entire.core.git.RefName;
import io.entire.core.json.JsonReader;
import io.entire.core.push.PushQueue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the push queue (FORMATS.md 5) line by line, as pre-push does but without skipping quietly: every line must be
 * UTF-8 JSON {@code {"ref": "refs/entire/..."}} naming a ref Entire pushes.
 */
final class PushQueueCheck {
    private final Path file;

    PushQueueCheck(Path commonDir) {
        this.file = requireNonNull(commonDir, "commonDir is null").resolve(PushQueue.FILE);
    }

    /** The well-formed entries and every malformed line, in file order. */
    record Result(int entries, List<QueueProblem> problems) {
        Result {
            problems = List.copyOf(problems);
        }
    }

    Result check() {
        if (!Files.exists(file)) {
            return new Result(0, List.of());
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the push queue " + file, e);
        }
        int entries = 0;
        List<QueueProblem> problems = new ArrayList<>();
        int start = 0;
        for (int number = 1; start < bytes.length; number++) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            Optional<QueueProblem> problem = problem(number, ByteBuffer.wrap(bytes, start, end - start));
            if (problem.isPresent()) {
                problems.add(problem.get());
            } else if (end > start) {
                entries++;
            }
            start = end + 1;
        }
        return new Result(entries, problems);
    }

    private static Optional<QueueProblem> problem(int number, ByteBuffer line) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(line).toString();
        } catch (CharacterCodingException e) {
            return Optional.of(new QueueProblem(number, Kind.NOT_UTF8, Optional.empty(), ""));
        }
        if (text.isBlank()) {
            return Optional.empty();
        }
        try {
            Optional<String> ref = new JsonReader().parseObject(text.getBytes(StandardCharsets.UTF_8))
                    .findString("ref");
            if (ref.isEmpty()) {
                return Optional.of(new QueueProblem(number, Kind.NO_REF, Optional.empty(), ""));
            }
            RefName name = RefName.of(ref.get());
            return PushQueue.holdsCheckpoints(name) ? Optional.empty()
                    : Optional.of(new QueueProblem(number, Kind.NOT_A_CHECKPOINT_REF, Optional.of(name), ""));
        } catch (RuntimeException e) {
            return Optional.of(new QueueProblem(number, Kind.NOT_A_QUEUE_ENTRY, Optional.empty(),
                    String.valueOf(e.getMessage())));
        }
    }
}
