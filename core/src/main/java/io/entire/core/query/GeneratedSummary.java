package io.entire.core.query;

import static java.util.Objects.requireNonNull;

import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonValue;
import java.util.List;
import java.util.Optional;

/**
 * The summary the Go tool's {@code explain --generate} stores in a session's {@code metadata.json} under
 * {@code summary} (FORMATS.md 2.2): what the user wanted, what came of it, what was learned, what got in the way, and
 * what is left.
 */
public record GeneratedSummary(String intent, String outcome, List<String> repositoryLearnings,
        List<CodeLearning> codeLearnings, List<String> workflowLearnings, List<String> friction,
        List<String> openItems) {
    public GeneratedSummary {
        requireNonNull(intent, "intent is null");
        requireNonNull(outcome, "outcome is null");
        repositoryLearnings = List.copyOf(repositoryLearnings);
        codeLearnings = List.copyOf(codeLearnings);
        workflowLearnings = List.copyOf(workflowLearnings);
        friction = List.copyOf(friction);
        openItems = List.copyOf(openItems);
    }

    /** A finding about a place in the code: {@code line} and {@code endLine} are 0 when the summary names none. */
    public record CodeLearning(String path, long line, long endLine, String finding) {
        public CodeLearning {
            requireNonNull(path, "path is null");
            requireNonNull(finding, "finding is null");
        }

        /** {@code path:line-end}, {@code path:line} or {@code path}. */
        public String location() {
            if (line <= 0) {
                return path;
            }
            return path + ":" + line + (endLine > line ? "-" + endLine : "");
        }
    }

    /** The summary a session's metadata holds, if it holds one with an intent or an outcome. */
    public static Optional<GeneratedSummary> from(JsonObject sessionMetadata) {
        JsonValue summary = sessionMetadata.member("summary");
        String intent = summary.member("intent").stringValue().strip();
        String outcome = summary.member("outcome").stringValue().strip();
        if (intent.isEmpty() && outcome.isEmpty()) {
            return Optional.empty();
        }
        JsonValue learnings = summary.member("learnings");
        List<CodeLearning> code = learnings.member("code").elements().stream()
                .filter(entry -> !entry.member("finding").stringValue().isBlank())
                .map(entry -> new CodeLearning(entry.member("path").stringValue(),
                        entry.member("line").truncatedLong(), entry.member("end_line").truncatedLong(),
                        entry.member("finding").stringValue().strip()))
                .toList();
        return Optional.of(new GeneratedSummary(intent, outcome, strings(learnings.member("repo")), code,
                strings(learnings.member("workflow")), strings(summary.member("friction")),
                strings(summary.member("open_items"))));
    }

    private static List<String> strings(JsonValue array) {
        return array.elements().stream().map(JsonValue::stringValue).map(String::strip)
                .filter(text -> !text.isEmpty()).toList();
    }
}
