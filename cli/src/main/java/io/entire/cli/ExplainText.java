package io.entire.cli;

import io.entire.core.query.Conversation;
import io.entire.core.query.ConversationTurn;
import io.entire.core.query.Explanation;
import io.entire.core.query.GeneratedSummary;
import io.entire.core.query.HashCheck;
import io.entire.core.query.LinkedCommit;
import io.entire.core.query.SessionExplanation;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The text forms of {@code entire explain}: the default one, {@code --short} and {@code --full}. */
final class ExplainText {
    private static final int WIDTH = 100;

    private final PrintWriter out;
    private final Style style;
    private final Times times;

    ExplainText(CliContext context) {
        this.out = context.out();
        this.style = context.style();
        this.times = context.times();
    }

    void print(Explanation explanation) {
        out.println(style.bold("Checkpoint " + explanation.checkpointId()) + "  (" + explanation.store().name()
                .toLowerCase(Locale.ROOT) + " store)");
        out.println("  created:  " + times.full(explanation.createdAt()));
        out.println("  branch:   " + explanation.branch().orElse("-"));
        out.println("  tokens:   " + explanation.tokenUsage().map(Format::tokens).orElse("-"));
        out.println("  files:    " + (explanation.filesTouched().isEmpty() ? "-"
                : String.join(", ", explanation.filesTouched())));
        for (SessionExplanation session : explanation.sessions()) {
            out.println();
            out.println(style.bold("Session " + session.slot() + ": " + session.sessionId()) + "  "
                    + style.cyan(session.agent().orElse("agent?"))
                    + (session.model().isEmpty() ? "" : " (" + session.model() + ")"));
            out.println("  transcript: " + describe(session.hashCheck()));
            out.println("  tokens:     " + session.tokenUsage().map(Format::tokens).orElse("-"));
            for (int i = 0; i < session.prompts().size(); i++) {
                out.println("  prompt " + (i + 1) + ": " + Format.oneLine(session.prompts().get(i), WIDTH));
            }
            session.summary().ifPresent(summary -> printSummary(summary));
        }
        out.println();
        if (explanation.commits().isEmpty()) {
            out.println("No commit links to this checkpoint yet.");
        }
        for (LinkedCommit commit : explanation.commits()) {
            out.println("Commit " + style.yellow(commit.id().abbreviated()) + "  " + commit.subject());
        }
        if (!explanation.otherCheckpoints().isEmpty()) {
            out.println("The commit also links: " + explanation.otherCheckpoints());
        }
        out.flush();
    }

    /** One screen: the checkpoint, its intent and outcome when summarized, a line per session and per commit. */
    void printShort(Explanation explanation) {
        out.println(style.bold("Checkpoint " + explanation.checkpointId()) + "  " + times.full(
                explanation.createdAt()) + "  " + explanation.filesTouched().size() + " file(s)");
        explanation.branch().ifPresent(branch -> out.println("  branch:  " + Format.oneLine(branch, WIDTH)));
        Optional<GeneratedSummary> summary = explanation.sessions().stream()
                .flatMap(session -> session.summary().stream()).findFirst();
        summary.ifPresent(found -> {
            out.println("  intent:  " + Format.oneLine(found.intent(), WIDTH));
            out.println("  outcome: " + Format.oneLine(found.outcome(), WIDTH));
        });
        for (SessionExplanation session : explanation.sessions()) {
            String first = session.prompts().isEmpty() ? "(no prompt)" : Format.oneLine(session.prompts().get(0),
                    WIDTH - 30);
            int more = Math.max(0, session.prompts().size() - 1);
            out.println("  " + style.cyan(session.agent().orElse("agent?")) + ": " + first + (more > 0 ? "  (+" + more
                    + " more)" : ""));
        }
        for (LinkedCommit commit : explanation.commits()) {
            out.println("  commit " + style.yellow(commit.id().abbreviated()) + "  "
                    + Format.oneLine(commit.subject(), WIDTH));
        }
        out.flush();
    }

    /** Each session's conversation, turn by turn: the prompt, the agent's replies and its tool calls' files. */
    void printConversations(List<Conversation> conversations) {
        for (Conversation conversation : conversations) {
            out.println();
            out.println(style.bold("Conversation of session " + conversation.slot() + ": " + conversation.sessionId())
                    + "  " + style.cyan(conversation.agent().orElse("agent?")));
            conversation.unreadable().ifPresent(why -> out.println("  (" + why + ")"));
            List<ConversationTurn> turns = conversation.turns();
            for (int i = 0; i < turns.size(); i++) {
                out.println();
                out.println(style.bold("Turn " + (i + 1)));
                printTurn(turns.get(i));
            }
        }
        out.flush();
    }

    private void printTurn(ConversationTurn turn) {
        if (!turn.prompt().isEmpty()) {
            turn.prompt().lines().forEach(line -> out.println(style.green("  > " + line)));
        }
        for (ConversationTurn.Step step : turn.steps()) {
            if (step instanceof ConversationTurn.Reply reply) {
                reply.text().lines().forEach(line -> out.println("  " + line));
            } else if (step instanceof ConversationTurn.ToolCall call) {
                out.println(style.faint("  * " + call.name() + (call.files().isEmpty() ? ""
                        : " " + String.join(", ", call.files()))) + (call.failed() ? style.red("  (failed)") : ""));
            }
        }
    }

    private void printSummary(GeneratedSummary summary) {
        out.println("  intent:     " + summary.intent());
        out.println("  outcome:    " + summary.outcome());
        List<String> learned = new ArrayList<>(summary.repositoryLearnings());
        summary.codeLearnings().forEach(learning -> learned.add(learning.location() + ": " + learning.finding()));
        learned.addAll(summary.workflowLearnings());
        printList("learned:", learned);
        printList("friction:", summary.friction());
        printList("open items:", summary.openItems());
    }

    private void printList(String label, List<String> items) {
        for (int i = 0; i < items.size(); i++) {
            String head = i == 0 ? label : "";
            out.println("  " + head + " ".repeat(12 - head.length()) + "- " + items.get(i));
        }
    }

    private String describe(HashCheck check) {
        return switch (check) {
            case MATCH -> "matches its content hash";
            case MISMATCH -> style.red("DOES NOT match its content hash (changed after it was stored)");
            case NO_HASH -> "stored without a content hash";
            case NO_TRANSCRIPT -> "none stored for this session";
            case MISSING -> style.red("missing from this repository (a partial clone that could not fetch it)");
        };
    }
}
