package io.entire.core.capture;

import io.entire.core.id.CheckpointId;
import io.entire.core.trailers.MessageLines;
import io.entire.core.trailers.Trailers;
import java.util.ArrayList;
import java.util.List;

/**
 * Edits of the commit message file git hands its hooks. Everything below git's scissors line ({@code commit -v}
 * puts the diff there) is left as it is and never read for content.
 */
final class CommitMessage {
    static final List<String> EDITOR_NOTE = List.of(
            "# The Entire-Checkpoint trailer above links this commit to the agent session that wrote it.",
            "# Delete that line to commit without the link.");
    private static final String TRAILER_PREFIX = Trailers.CHECKPOINT_KEY + ":";

    private final String body;
    private final String cut;

    private CommitMessage(String body, String cut) {
        this.body = body;
        this.cut = cut;
    }

    static CommitMessage parse(String text) {
        int start = 0;
        while (start < text.length()) {
            int end = MessageLines.end(text, start);
            if (isScissors(text.substring(start, end))) {
                return new CommitMessage(text.substring(0, start), text.substring(start));
            }
            start = MessageLines.next(text, end);
        }
        return new CommitMessage(text, "");
    }

    /** {@code # ------------------------ >8 ------------------------}, with any number of dashes on each side. */
    private static boolean isScissors(String line) {
        int cut = line.indexOf(" >8 ");
        return line.startsWith("# ") && isDashes(line, 2, cut) && isDashes(line, cut + 4, line.length());
    }

    private static boolean isDashes(String text, int from, int to) {
        for (int at = from; at < to; at++) {
            if (text.charAt(at) != '-') {
                return false;
            }
        }
        return to > from;
    }

    List<CheckpointId> checkpointIds() {
        return Trailers.checkpointIds(body);
    }

    /** The message with the trailer added, and for the editor flow a comment saying how to drop it. */
    String withCheckpoint(CheckpointId id, boolean explain) {
        String line = Trailers.checkpointLine(id);
        if (!hasUserContent()) {
            // An empty editor template: leave the first lines free for the subject the person is about to type.
            return "\n\n" + line + "\n" + (explain ? String.join("\n", EDITOR_NOTE) + "\n" : "") + body + cut;
        }
        String linked = Trailers.withCheckpoint(body, id);
        if (explain) {
            int at = linked.indexOf(line + "\n");
            linked = linked.substring(0, at + line.length() + 1) + String.join("\n", EDITOR_NOTE) + "\n"
                    + linked.substring(at + line.length() + 1);
        }
        return linked + cut;
    }

    /** Whether anything but blank lines, comments and checkpoint trailers is left. */
    boolean hasUserContent() {
        for (String line : body.split("\n", -1)) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#") && !trimmed.startsWith(TRAILER_PREFIX)) {
                return true;
            }
        }
        return false;
    }

    /** The message without checkpoint trailers and the editor note. */
    String withoutCheckpoint() {
        List<String> kept = new ArrayList<>();
        for (String line : body.split("\n", -1)) {
            if (!line.strip().startsWith(TRAILER_PREFIX) && !EDITOR_NOTE.contains(line)) {
                kept.add(line);
            }
        }
        return String.join("\n", kept) + cut;
    }
}
