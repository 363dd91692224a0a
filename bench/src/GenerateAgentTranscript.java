import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a transcript of another agent of about {@code bytes} bytes from one it recorded (testdata/agents), by
 * repeating its conversation round after round with fresh ids, so that no two rounds merge into one message:
 * <ul>
 *   <li>{@code lines} (Codex's rollout, Copilot CLI's events.jsonl, Gemini CLI's chat): the first line (the session's
 *   metadata or start event) once, then the other lines round after round; a Gemini {@code $set} patch only in the
 *   first round, since one that sets the message list would drop the rounds before it;</li>
 *   <li>{@code opencode} (the session export OpenCode's plugin writes): its {@code info} once, its {@code messages}
 *   round after round.</li>
 * </ul>
 * Every UUID but the session's gets a fresh one per round (consistently, so links within a round hold), and so do
 * OpenCode's message and part ids.
 */
public final class GenerateAgentTranscript {
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern OPENCODE_ID = Pattern.compile("\"((?:msg|prt)_[A-Za-z0-9]+)\"");
    private static final String MESSAGES = "\"messages\":";

    private GenerateAgentTranscript() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 5 || !List.of("lines", "opencode").contains(args[0])) {
            System.err.println("usage: java GenerateAgentTranscript.java lines|opencode <bytes> <session-id>"
                    + " <recorded> <out>");
            System.exit(2);
        }
        long limit = Long.parseLong(args[1]);
        String session = args[2];
        String recorded = Files.readString(Path.of(args[3]), StandardCharsets.UTF_8);
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[4]), StandardCharsets.UTF_8)) {
            if (args[0].equals("lines")) {
                writeLines(recorded, session, limit, out);
            } else {
                writeOpenCode(recorded, session, limit, out);
            }
        }
    }

    private static void writeLines(String recorded, String session, long limit, BufferedWriter out)
            throws IOException {
        List<String> lines = recorded.lines().filter(line -> !line.isBlank()).toList();
        out.write(lines.get(0));
        out.write('\n');
        long written = lines.get(0).length() + 1;
        for (int round = 0; ; round++) {
            for (String line : lines.subList(1, lines.size())) {
                if (round > 0 && line.startsWith("{\"$set\"")) {
                    continue;
                }
                String fresh = freshIds(line, session, round);
                long size = fresh.getBytes(StandardCharsets.UTF_8).length + 1;
                if (written + size > limit) {
                    return;
                }
                out.write(fresh);
                out.write('\n');
                written += size;
            }
        }
    }

    /** The export is one object {@code {"info": {...}, "messages": [...]}}; its messages are repeated. */
    private static void writeOpenCode(String recorded, String session, long limit, BufferedWriter out)
            throws IOException {
        String compact = recorded.strip();
        int key = compact.indexOf(MESSAGES);
        int open = compact.indexOf('[', key);
        if (key < 0 || open < 0) {
            throw new IllegalArgumentException("no \"messages\" array in the recorded session");
        }
        List<String> messages = elements(compact, open);
        String head = compact.substring(0, open + 1);
        out.write(head);
        long written = head.length() + 2;
        boolean first = true;
        for (int round = 0; ; round++) {
            for (String message : messages) {
                String fresh = OPENCODE_ID.matcher(freshIds(message, session, round))
                        .replaceAll("\"$1r" + round + "\"");
                long size = fresh.getBytes(StandardCharsets.UTF_8).length + 1;
                if (written + size > limit) {
                    out.write("]}\n");
                    return;
                }
                if (!first) {
                    out.write(',');
                }
                out.write(fresh);
                written += size;
                first = false;
            }
        }
    }

    /** The elements of the JSON array whose {@code [} is at {@code open}, as text. */
    private static List<String> elements(String json, int open) {
        List<String> elements = new ArrayList<>();
        int depth = 0;
        int start = -1;
        boolean inString = false;
        for (int i = open + 1; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (depth == 0) {
                    start = i;
                }
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    return elements;
                }
                depth--;
                if (depth == 0) {
                    elements.add(json.substring(start, i + 1));
                }
            }
        }
        throw new IllegalArgumentException("the \"messages\" array is not closed");
    }

    private static String freshIds(String text, String session, int round) {
        Matcher uuids = UUID_TEXT.matcher(text);
        StringBuilder fresh = new StringBuilder(text.length());
        while (uuids.find()) {
            String uuid = uuids.group();
            String replacement = uuid.equals(session) ? uuid
                    : UUID.nameUUIDFromBytes((uuid + "/" + round).getBytes(StandardCharsets.UTF_8)).toString();
            uuids.appendReplacement(fresh, replacement);
        }
        uuids.appendTail(fresh);
        return fresh.toString();
    }
}
