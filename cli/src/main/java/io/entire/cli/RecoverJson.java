package io.entire.cli;

import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonNull;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import io.entire.core.recover.FileChange;
import io.entire.core.recover.ResumeResult;
import io.entire.core.recover.RewindResult;
import io.entire.core.recover.TranscriptRestore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The {@code --json} objects of rewind and resume. */
final class RecoverJson {
    private RecoverJson() {
    }

    static JsonValue result(RewindResult result) {
        List<JsonValue> files = new ArrayList<>();
        for (FileChange change : result.files()) {
            files.add(new JsonOut().put("path", change.path()).put("action", lower(change.action())).build());
        }
        return new JsonOut().put("point", result.point().id()).put("kind", result.point().kind().value())
                .put("files", new JsonArray(files)).put("transcripts", transcripts(result.transcripts()))
                .put("reset_from", result.resetFrom().map(commit -> commit.hex())).build();
    }

    static JsonValue result(ResumeResult result) {
        return new JsonOut().put("switched_to", result.switchedTo())
                .put("commit", result.commit().map(commit -> commit.hex()))
                .putStrings("checkpoints", result.checkpoints().stream().map(Object::toString).toList())
                .put("sessions", transcripts(result.sessions())).build();
    }

    private static JsonValue transcripts(List<TranscriptRestore> transcripts) {
        List<JsonValue> elements = new ArrayList<>();
        for (TranscriptRestore transcript : transcripts) {
            elements.add(new JsonOut().put("session_id", transcript.session().value())
                    .put("file", transcript.file().toString()).put("outcome", lower(transcript.outcome()))
                    .put("backup", transcript.backup().<JsonValue>map(backup -> new JsonString(backup.toString()))
                            .orElse(JsonNull.INSTANCE))
                    .put("before_resuming", transcript.beforeResuming())
                    .put("resume_command", transcript.resumeCommand()).build());
        }
        return new JsonArray(elements);
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
