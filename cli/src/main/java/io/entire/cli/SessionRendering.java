package io.entire.cli;

import io.entire.core.doctor.LiveSession;
import io.entire.core.git.RefName;
import io.entire.core.json.JsonBoolean;
import io.entire.core.json.JsonObject;
import io.entire.core.model.Timestamps;
import io.entire.core.redact.Redactor;
import io.entire.core.session.SessionState;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/** How {@code entire session} and {@code entire doctor} show a recorded session, as text and as JSON. */
final class SessionRendering {
    private SessionRendering() {
    }

    /** One line: id, agent, condition, age, steps, files, first prompt. */
    static String line(LiveSession session, Times times) {
        SessionState state = session.state();
        StringBuilder line = new StringBuilder();
        line.append(state.sessionId()).append("  ").append(state.agent().displayName()).append("  ")
                .append(session.condition().value()).append(session.condition().stuck() ? " (stale)" : "")
                .append("  updated ").append(times.ago(state.updatedAt())).append("  ")
                .append(state.steps().size()).append(" step(s), ").append(state.files().size()).append(" file(s)");
        String prompt = firstPrompt(state);
        if (!prompt.isBlank()) {
            line.append("  \"").append(Format.oneLine(prompt, 50)).append('"');
        }
        return line.toString();
    }

    /** Every field, one per line. */
    static void details(PrintWriter out, LiveSession session, Times times) {
        SessionState state = session.state();
        out.println("Session:     " + state.sessionId());
        out.println("Agent:       " + state.agent().displayName());
        out.println("Condition:   " + session.condition().value() + " (phase " + state.phase().value() + ")");
        out.println("Worktree:    " + state.worktree());
        out.println("Base commit: " + state.baseCommit().hex());
        out.println("Started:     " + times.full(Optional.of(state.startedAt())));
        out.println("Updated:     " + times.full(Optional.of(state.updatedAt())));
        out.println("Transcript:  " + state.transcript().map(Object::toString).orElse("unknown"));
        out.println("Steps:       " + state.steps().size());
        out.println("Files:       " + (state.files().isEmpty() ? "none" : String.join(", ", state.files().keySet())));
        out.println("Shadow:      " + session.shadowBranch().map(RefName::shortName).orElse("none"));
        out.println("Last checkpoint: " + state.lastCheckpoint().map(Object::toString).orElse("none"));
        String prompt = firstPrompt(state);
        if (!prompt.isBlank()) {
            out.println("First prompt: " + Format.oneLine(prompt, 100));
        }
    }

    static JsonObject json(LiveSession session) {
        SessionState state = session.state();
        return new JsonOut().put("session_id", state.sessionId().value())
                .putAgent(state.agent())
                .put("phase", state.phase().value())
                .put("condition", session.condition().value())
                .put("stale", new JsonBoolean(session.condition().stuck()))
                .put("worktree", state.worktree().toString())
                .put("base_commit", state.baseCommit().hex())
                .put("started_at", Timestamps.format(state.startedAt()))
                .put("updated_at", Timestamps.format(state.updatedAt()))
                .put("transcript_path", state.transcript().map(Object::toString))
                .put("first_prompt", firstPrompt(state))
                .put("steps", state.steps().size())
                .putStrings("files", List.copyOf(state.files().keySet()))
                .put("shadow_branch", session.shadowBranch().map(RefName::shortName))
                .put("last_checkpoint_id", state.lastCheckpoint().map(Object::toString))
                .build();
    }

    /** State files written before prompts were redacted on save may still hold a secret. */
    private static String firstPrompt(SessionState state) {
        return new Redactor().redactText(state.firstPrompt());
    }
}
