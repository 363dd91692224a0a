package io.entire.core.testing;

import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import io.entire.core.model.SessionMetadata;
import io.entire.core.model.TokenUsage;
import io.entire.core.store.SessionContent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Session contents for store tests, with transcripts written to real files. */
public final class Sessions {
    private Sessions() {
    }

    public static SessionContent content(Path directory, CheckpointId id, String sessionId, String transcript,
            List<String> files, List<String> prompts) {
        try {
            Files.createDirectories(directory);
            Path file = Files.createTempFile(directory, sessionId, ".jsonl");
            Files.writeString(file, transcript, StandardCharsets.UTF_8);
            SessionMetadata metadata = SessionMetadata.create("test", id, SessionId.of(sessionId),
                    Instant.parse("2026-10-01T19:12:01.19884Z"), Optional.of("main"), files,
                    Optional.of("Claude Code"), "claude-opus-4-6", 0, new TokenUsage(1, 2, 3, 4, 1));
            return new SessionContent(metadata, file, Optional.empty(), prompts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
