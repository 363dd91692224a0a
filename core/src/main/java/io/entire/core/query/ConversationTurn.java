package io.entire.core.query;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One turn of a stored conversation: what the user asked ({@code prompt}, empty when the transcript part starts
 * inside a turn) and, in order, what the agent answered and which tools it called.
 */
public record ConversationTurn(String prompt, List<Step> steps) {
    public ConversationTurn {
        requireNonNull(prompt, "prompt is null");
        steps = List.copyOf(steps);
    }

    /** Something the agent did in a turn. */
    public sealed interface Step permits Reply, ToolCall {
    }

    /** Text the agent wrote to the user. */
    public record Reply(String text) implements Step {
        public Reply {
            requireNonNull(text, "text is null");
        }
    }

    /** A tool the agent called, with the files its arguments name; {@code failed} when its result was an error. */
    public record ToolCall(String name, List<String> files, boolean failed) implements Step {
        public ToolCall {
            requireNonNull(name, "name is null");
            files = List.copyOf(files);
        }
    }
}
