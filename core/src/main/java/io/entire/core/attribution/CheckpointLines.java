package io.entire.core.attribution;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.Agent;
import io.entire.core.agent.Agents;
import io.entire.core.agent.TranscriptFormat;
import io.entire.core.git.MissingObjectException;
import io.entire.core.git.ObjectId;
import io.entire.core.id.SessionId;
import io.entire.core.model.AttributedFile;
import io.entire.core.model.InitialAttribution;
import io.entire.core.model.LineSpan;
import io.entire.core.store.CheckpointStore;
import io.entire.core.store.StoredCheckpoint;
import io.entire.core.store.StoredSession;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who wrote the lines of one checkpoint's commits, session by session: from the session's stored
 * {@code initial_attribution} when it was worked out for a commit with the same tree, else from the writes its stored
 * transcript records (read once, on first need). Uses the store's git processes from the calling thread.
 */
final class CheckpointLines {
    private final CheckpointStore store;
    private final StoredCheckpoint checkpoint;
    private final List<StoredSession> sessions;
    private final Map<Integer, List<AgentWrite>> transcriptWrites = new HashMap<>();
    private final Map<String, AgentLines> fromTranscripts = new HashMap<>();

    CheckpointLines(CheckpointStore store, StoredCheckpoint checkpoint) {
        this.store = requireNonNull(store, "store is null");
        this.checkpoint = requireNonNull(checkpoint, "checkpoint is null");
        this.sessions = checkpoint.sessions();
    }

    /** True when every session's stored attribution holds for a commit with this tree: no transcript to read. */
    boolean storedFor(ObjectId tree) {
        for (StoredSession session : sessions) {
            if (attributionFor(session, tree).isEmpty()) {
                return false;
            }
        }
        return !sessions.isEmpty();
    }

    /** The stored attributions of the sessions, for a commit with this tree; all present when {@link #storedFor}. */
    List<InitialAttribution> stored(ObjectId tree) {
        List<InitialAttribution> found = new ArrayList<>();
        for (StoredSession session : sessions) {
            attributionFor(session, tree).ifPresent(found::add);
        }
        return found;
    }

    /**
     * The verdict on a line a commit with {@code tree} left at {@code number} in {@code path}: the agent's when a
     * session wrote it as it is, else edited by a person when a session wrote a line like it, else none.
     */
    Optional<AgentLines.Judgement> judge(ObjectId tree, String path, int number, String content) {
        Optional<AgentLines.Judgement> edited = Optional.empty();
        for (StoredSession session : sessions) {
            Optional<InitialAttribution> attribution = attributionFor(session, tree);
            Optional<AgentLines.Judgement> judgement = attribution.isPresent()
                    ? judgeStored(attribution.get(), session, path, number)
                    : transcriptLines(session, path).judge(content);
            if (judgement.isPresent() && judgement.get().author() == LineAuthor.AGENT) {
                return judgement;
            }
            edited = edited.or(() -> judgement);
        }
        return edited;
    }

    /** The model the session used, as its metadata names it; empty when unknown. */
    String model(SessionId session) {
        for (StoredSession stored : sessions) {
            if (stored.metadata().sessionId().equals(session)) {
                return stored.metadata().model();
            }
        }
        return "";
    }

    /** Every session's writes from the transcripts, for judging lines by text alone. */
    List<AgentWrite> allTranscriptWrites() {
        List<AgentWrite> all = new ArrayList<>();
        for (StoredSession session : sessions) {
            all.addAll(writes(session));
        }
        return all;
    }

    private Optional<AgentLines.Judgement> judgeStored(InitialAttribution attribution, StoredSession session,
            String path, int number) {
        for (AttributedFile file : attribution.files()) {
            if (!file.path().equals(path)) {
                continue;
            }
            for (LineSpan span : file.agent()) {
                if (span.contains(number)) {
                    return Optional.of(new AgentLines.Judgement(LineAuthor.AGENT, origin(attribution, session, span)));
                }
            }
            for (LineSpan span : file.humanEdited()) {
                if (span.contains(number)) {
                    return Optional.of(new AgentLines.Judgement(LineAuthor.HUMAN_EDITED,
                            origin(attribution, session, span)));
                }
            }
        }
        return Optional.empty();
    }

    private AgentOrigin origin(InitialAttribution attribution, StoredSession session, LineSpan span) {
        return new AgentOrigin(checkpoint.id(), session.metadata().sessionId(), session.metadata().agent(),
                span.prompt().isPresent() ? Optional.of(attribution.prompts().get(span.prompt().getAsInt()))
                        : Optional.empty());
    }

    private static Optional<InitialAttribution> attributionFor(StoredSession session, ObjectId tree) {
        return session.metadata().initialAttribution().filter(found -> found.tree().equals(tree.hex()));
    }

    private AgentLines transcriptLines(StoredSession session, String path) {
        return fromTranscripts.computeIfAbsent(session.slot() + "/" + path,
                key -> AgentLines.of(writes(session), path));
    }

    /**
     * What the session's transcript records it wrote into files, read by its agent's format; nothing when the slot has
     * no transcript, when its agent's transcripts do not record the text written, nor when a partial clone cannot
     * fetch it (what it holds cannot be judged, the rest can).
     */
    private List<AgentWrite> writes(StoredSession session) {
        return transcriptWrites.computeIfAbsent(session.slot(), key -> {
            List<AgentWrite> writes = new ArrayList<>();
            Optional<OutputStream> recorded = session.hasTranscript() ? format(session).flatMap(format ->
                    format.recordedWrites(write -> writes.add(new AgentWrite(write, new AgentOrigin(checkpoint.id(),
                            session.metadata().sessionId(), session.metadata().agent(), write.prompt())))))
                    : Optional.empty();
            if (recorded.isPresent()) {
                try (OutputStream transcript = recorded.get()) {
                    store.copyTranscript(checkpoint, session, transcript);
                } catch (MissingObjectException e) {
                    writes.clear();
                } catch (IOException e) {
                    throw new UncheckedIOException("reading the transcript of checkpoint " + checkpoint.id(), e);
                }
            }
            return writes;
        });
    }

    /** The format of the session's agent, by the name its metadata gives; Claude Code's when it names none. */
    private static Optional<TranscriptFormat> format(StoredSession session) {
        Optional<String> agent = session.metadata().agent();
        return (agent.isPresent() ? Agents.findByDisplayName(agent.get()) : Agents.find(Agents.DEFAULT_SLUG))
                .map(Agent::transcriptFormat);
    }
}
