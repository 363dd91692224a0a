package io.entire.core.trailers;

import io.entire.core.id.CheckpointId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading and adding the {@code Entire-Checkpoint} trailer that links a code commit to its checkpoint. */
public final class Trailers {
    public static final String CHECKPOINT_KEY = "Entire-Checkpoint";
    // Lines may be indented (squash messages quote the squashed commits' messages).
    private static final Pattern CHECKPOINT_LINE = Pattern.compile("^[ \\t]*" + CHECKPOINT_KEY + ":[ \\t]*("
            + CheckpointId.IN_TEXT.pattern() + ")[ \\t]*$", Pattern.MULTILINE);
    private static final Pattern TRAILER_LINE =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*:\\s.*|[A-Za-z0-9][A-Za-z0-9-]*:");

    private Trailers() {
    }

    /** Every checkpoint id in the message's trailers, de-duplicated, first seen first; invalid ids are skipped. */
    public static List<CheckpointId> checkpointIds(String message) {
        Set<CheckpointId> ids = new LinkedHashSet<>();
        Matcher matcher = CHECKPOINT_LINE.matcher(message);
        while (matcher.find()) {
            CheckpointId.parse(matcher.group(1)).ifPresent(ids::add);
        }
        return new ArrayList<>(ids);
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
        while (blockStart > 0 && TRAILER_LINE.matcher(body.get(blockStart - 1)).matches()) {
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
