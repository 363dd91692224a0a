package io.entire.core.trailers;

import io.entire.core.Ascii;
import io.entire.core.id.CheckpointId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reading and adding the {@code Entire-Checkpoint} trailer that links a code commit to its checkpoint. */
public final class Trailers {
    public static final String CHECKPOINT_KEY = "Entire-Checkpoint";

    private Trailers() {
    }

    /**
     * Every checkpoint id in the message's trailers, de-duplicated, first seen first; invalid ids are skipped. A
     * trailer is a line {@code Entire-Checkpoint: <id>}, maybe indented (squash messages quote the squashed commits'
     * messages), with blanks around the id.
     */
    public static List<CheckpointId> checkpointIds(String message) {
        Set<CheckpointId> ids = new LinkedHashSet<>();
        int start = 0;
        while (start < message.length()) {
            int end = MessageLines.end(message, start);
            int key = skipBlanks(message, start, end);
            if (message.startsWith(CHECKPOINT_KEY + ":", key)) {
                int from = skipBlanks(message, key + CHECKPOINT_KEY.length() + 1, end);
                int to = end;
                while (to > from && isBlank(message.charAt(to - 1))) {
                    to--;
                }
                Optional<CheckpointId> id = CheckpointId.parse(message.substring(from, to));
                if (id.isPresent()) {
                    ids.add(id.get());
                }
            }
            start = MessageLines.next(message, end);
        }
        return new ArrayList<>(ids);
    }

    private static int skipBlanks(String text, int from, int end) {
        int at = from;
        while (at < end && isBlank(text.charAt(at))) {
            at++;
        }
        return at;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** {@code Key: value} or {@code Key:}, the key of letters, digits and {@code -} not starting with {@code -}. */
    static boolean isTrailerLine(String line) {
        if (line.isEmpty() || !Ascii.isLetterOrDigit(line.charAt(0))) {
            return false;
        }
        int at = 1;
        while (at < line.length() && (Ascii.isLetterOrDigit(line.charAt(at)) || line.charAt(at) == '-')) {
            at++;
        }
        if (at == line.length() || line.charAt(at) != ':') {
            return false;
        }
        at++;
        if (at == line.length()) {
            return true;
        }
        char separator = line.charAt(at);
        if (!(separator == ' ' || separator == '\t' || separator == '\n' || separator == '\u000B'
                || separator == '\f' || separator == '\r')) {
            return false;
        }
        for (int i = at + 1; i < line.length(); i++) {
            if (MessageLines.isTerminator(line.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    public static String checkpointLine(CheckpointId id) {
        return CHECKPOINT_KEY + ": " + id;
    }

    /**
     * The message with {@code Entire-Checkpoint: <id>} added: into the final trailer block if the message ends with
     * one, else after a blank line. Comment lines ({@code #}) at the end stay at the end.
     */
    public static String withCheckpoint(String message, CheckpointId id) {
        List<String> lines = new ArrayList<>(List.of(message.split("\n", -1)));
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        int end = lines.size();
        while (end > 0 && lines.get(end - 1).startsWith("#")) {
            end--;
        }
        List<String> comments = new ArrayList<>(lines.subList(end, lines.size()));
        List<String> body = new ArrayList<>(lines.subList(0, end));
        while (!body.isEmpty() && body.get(body.size() - 1).isBlank()) {
            body.remove(body.size() - 1);
        }
        int blockStart = body.size();
        while (blockStart > 0 && isTrailerLine(body.get(blockStart - 1))) {
            blockStart--;
        }
        boolean hasTrailerBlock = blockStart < body.size() && blockStart > 0 && body.get(blockStart - 1).isBlank();
        if (!hasTrailerBlock && !body.isEmpty()) {
            body.add("");
        }
        body.add(checkpointLine(id));
        StringBuilder out = new StringBuilder(String.join("\n", body)).append('\n');
        if (!comments.isEmpty()) {
            out.append('\n').append(String.join("\n", comments)).append('\n');
        }
        return out.toString();
    }
}
