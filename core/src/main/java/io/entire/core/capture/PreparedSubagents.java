package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.Log;
import io.entire.core.ScratchFiles;
import io.entire.core.agent.Subagent;
import io.entire.core.agent.TranscriptFormat;
import io.entire.core.id.SessionId;
import io.entire.core.model.TokenUsage;
import io.entire.core.redact.RedactionRules;
import io.entire.core.redact.Redactor;
import io.entire.core.store.SubagentTask;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The subagents a checkpoint's slice launched, made ready to store: each one's transcript (found beside the
 * session's) redacted into a scratch file, and the tokens of all of them. A subagent whose transcript is not there
 * (yet), or cannot be read (logged), is still recorded, without one: the session's own checkpoint matters more.
 * Close to delete the scratch files.
 */
final class PreparedSubagents implements AutoCloseable {
    private static final System.Logger LOG = Log.of(PreparedSubagents.class);

    private final List<SubagentTask> tasks;
    private final Optional<TokenUsage> tokens;

    private PreparedSubagents(List<SubagentTask> tasks, Optional<TokenUsage> tokens) {
        this.tasks = List.copyOf(tasks);
        this.tokens = tokens;
    }

    static PreparedSubagents prepare(SessionId session, TranscriptFormat format, List<Subagent> subagents,
            Path scratch, Path workTree, RedactionRules rules) {
        requireNonNull(session, "session is null");
        Redactor redactor = new Redactor(rules);
        List<SubagentTask> tasks = new ArrayList<>();
        Optional<TokenUsage> tokens = Optional.empty();
        try {
            for (Subagent subagent : subagents) {
                Optional<Path> transcript = subagent.transcript();
                Optional<Path> redacted = Optional.empty();
                if (transcript.isPresent()) {
                    try {
                        redacted = Optional.of(redact(transcript.get(), scratch, redactor));
                        TokenUsage used = format.analyze(transcript.get(), format.position(0), workTree).tokenUsage();
                        tokens = Optional.of(tokens.map(used::plus).orElse(used));
                    } catch (UncheckedIOException e) {
                        LOG.log(System.Logger.Level.WARNING, "session " + session + ": subagent " + subagent.agentId()
                                + " stored without its transcript: " + e.getMessage());
                        redacted.ifPresent(PreparedSubagents::delete);
                        redacted = Optional.empty();
                    }
                }
                tasks.add(new SubagentTask(session, subagent.toolUseId(), subagent.lineUuid(), subagent.agentId(),
                        redacted));
            }
        } catch (RuntimeException e) {
            new PreparedSubagents(tasks, tokens).close();
            throw e;
        }
        return new PreparedSubagents(tasks, tokens);
    }

    List<SubagentTask> tasks() {
        return tasks;
    }

    /** {@code usage} with the subagents' tokens as its {@code subagent_tokens}. */
    TokenUsage addTo(TokenUsage usage) {
        return tokens.map(sub -> new TokenUsage(usage.inputTokens(), usage.cacheCreationTokens(),
                usage.cacheReadTokens(), usage.outputTokens(), usage.apiCallCount(), Optional.of(sub))).orElse(usage);
    }

    private static Path redact(Path transcript, Path scratch, Redactor redactor) {
        Path redacted = null;
        try {
            redacted = ScratchFiles.create(scratch, "subagent", ".jsonl");
            try (InputStream in = Files.newInputStream(transcript);
                    OutputStream out = new BufferedOutputStream(Files.newOutputStream(redacted), 1 << 16)) {
                redactor.redactJsonl(in, out);
            }
            return redacted;
        } catch (IOException e) {
            if (redacted != null) {
                delete(redacted);
            }
            throw new UncheckedIOException("redacting subagent transcript " + transcript, e);
        }
    }

    @Override
    public void close() {
        for (SubagentTask task : tasks) {
            task.transcript().ifPresent(PreparedSubagents::delete);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not delete scratch file " + file + ": " + e.getMessage());
        }
    }
}
