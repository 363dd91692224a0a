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
 * Writes a Claude Code transcript of about {@code bytes} bytes by repeating the lines of real transcripts (the
 * fixtures) round after round. Each round gets fresh uuids (consistently, so parent links still hold within a round)
 * and fresh message and tool-use ids, so no two rounds merge or pair up; the fixtures' session ids become
 * {@code session}. Stops before the line that would pass {@code bytes}.
 *
 * <p>Usage: {@code java GenerateTranscript.java <bytes> <session-id> <out.jsonl> <fixture.jsonl>...}
 */
public final class GenerateTranscript {
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern MESSAGE_ID = Pattern.compile("\"((?:msg|toolu|req)_[A-Za-z0-9]+)\"");

    private GenerateTranscript() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            System.err.println("usage: java GenerateTranscript.java <bytes> <session-id> <out.jsonl> <fixture>...");
            System.exit(2);
        }
        long limit = Long.parseLong(args[0]);
        String session = args[1];
        List<String> lines = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            Path fixture = Path.of(args[i]);
            String fixtureSession = fixture.getFileName().toString().replace(".jsonl", "");
            for (String line : Files.readAllLines(fixture, StandardCharsets.UTF_8)) {
                lines.add(line.replace(fixtureSession, session));
            }
        }
        long written = 0;
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[2]), StandardCharsets.UTF_8)) {
            for (int round = 0; ; round++) {
                for (String line : lines) {
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
    }

    private static String freshIds(String line, String session, int round) {
        Matcher uuids = UUID_TEXT.matcher(line);
        StringBuilder withUuids = new StringBuilder(line.length());
        while (uuids.find()) {
            String uuid = uuids.group();
            String replacement = uuid.equals(session) ? uuid
                    : UUID.nameUUIDFromBytes((uuid + "/" + round).getBytes(StandardCharsets.UTF_8)).toString();
            uuids.appendReplacement(withUuids, replacement);
        }
        uuids.appendTail(withUuids);
        return MESSAGE_ID.matcher(withUuids).replaceAll("\"$1r" + round + "\"");
    }
}
