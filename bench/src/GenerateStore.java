import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Writes a {@code git fast-import} stream of a checkpoint store with {@code count} checkpoints, one session each, in
 * the JSON shape the Go implementation writes (FORMATS.md 2.1, 2.2). Layout {@code branch} (the default) is the v1
 * branch (FORMATS.md 3) with the two commits of the upstream sample (an empty "Initialize sessions branch", then one
 * holding every checkpoint); layout {@code refs} is one orphan commit per checkpoint on its own ref (FORMATS.md 5),
 * the folder at the tree's root. {@code main} gets one code commit whose trailer links the checkpoint in the middle
 * of the list, for {@code explain}.
 *
 * <p>Usage: {@code java GenerateStore.java <count> <seed> [branch|refs] | git fast-import --quiet}. Same seed, same
 * store.
 */
public final class GenerateStore {
    private static final String BRANCH = "refs/heads/entire/checkpoints/v1";
    private static final long START = Instant.parse("2026-01-05T09:00:00Z").getEpochSecond();
    private static final String[] PROMPTS = {
        "Replace the custom string contains implementation with strings.Contains",
        "Add a --json flag to the list command and document it in the README",
        "The retry loop gives up too early when the ref moved; make it re-read the tip",
        "Write tests for the trailer parser: indented lines, duplicates, CRLF endings",
        "Why does explain print the wrong branch for squashed commits? Fix it",
    };
    private static final String[] MODELS = {"claude-opus-4-6", "claude-sonnet-4-5", ""};

    private final Random random;
    private final OutputStream out;
    private final boolean refs;

    private GenerateStore(Random random, OutputStream out, boolean refs) {
        this.random = random;
        this.out = out;
        this.refs = refs;
    }

    public static void main(String[] args) throws IOException {
        String layout = args.length == 3 ? args[2] : "branch";
        if (args.length < 2 || args.length > 3 || !layout.equals("branch") && !layout.equals("refs")) {
            System.err.println("usage: java GenerateStore.java <count> <seed> [branch|refs] | git fast-import --quiet");
            System.exit(2);
        }
        int count = Integer.parseInt(args[0]);
        try (OutputStream out = new BufferedOutputStream(System.out, 1 << 16)) {
            new GenerateStore(new Random(Long.parseLong(args[1])), out, layout.equals("refs")).write(count);
        }
    }

    private void write(int count) throws IOException {
        String[] ids = uniqueIds(count);
        if (refs) {
            for (int i = 0; i < count; i++) {
                String id = ids[i];
                text("commit refs/entire/checkpoints/" + id.substring(id.length() - 2) + "/" + id
                        + "\ncommitter Bench <bench@example.com> " + (START + i * 37L) + " +0000\n");
                data("Checkpoint: " + id + "\n");
                checkpoint(id, i, "");
                text("\n");
            }
        } else {
            text("commit " + BRANCH + "\nmark :1\ncommitter Bench <bench@example.com> " + START + " +0000\n");
            data("Initialize sessions branch\n");
            text("\ncommit " + BRANCH + "\nmark :2\ncommitter Bench <bench@example.com> " + (START + 60)
                    + " +0000\n");
            data("Sample of " + count + " generated checkpoints\n");
            text("from :1\n");
            for (int i = 0; i < count; i++) {
                checkpoint(ids[i], i, ids[i].substring(0, 2) + "/" + ids[i].substring(2) + "/");
            }
        }
        text("\ncommit refs/heads/main\ncommitter Bench <bench@example.com> " + (START + 120) + " +0000\n");
        data("Use strings.Contains\n\nEntire-Checkpoint: " + ids[count / 2] + "\n");
        text("\n");
    }

    private String[] uniqueIds(int count) {
        Set<String> ids = new LinkedHashSet<>();
        byte[] bytes = new byte[6];
        while (ids.size() < count) {
            random.nextBytes(bytes);
            ids.add(HexFormat.of().formatHex(bytes));
        }
        return ids.toArray(String[]::new);
    }

    /** One checkpoint's files under {@code folder} ("" at the tree's root, else ending in a slash). */
    private void checkpoint(String id, int index, String folder) throws IOException {
        String session = new UUID(random.nextLong(), random.nextLong()).toString();
        String branch = "feature/task-" + (index % 97);
        String createdAt = DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(START + index * 37L, 123456000));
        String prompt = PROMPTS[index % PROMPTS.length] + " (task " + index + ")";
        String model = MODELS[index % MODELS.length];
        String[] files = {"cmd/entire/cli/file_" + (index % 50) + ".go", "docs/notes_" + (index % 7) + ".md"};
        String tokens = tokens(3 + index % 40, 4000 + index % 900, 120000 + index, 16 + index % 300, 1 + index % 9);
        String transcript = transcript(session, prompt, model, createdAt);

        file(folder + "metadata.json", "{\n"
                + "  \"cli_version\": \"0.4.4\",\n"
                + "  \"checkpoint_id\": \"" + id + "\",\n"
                + "  \"strategy\": \"manual-commit\",\n"
                + "  \"branch\": \"" + branch + "\",\n"
                + "  \"checkpoints_count\": 1,\n"
                + "  \"files_touched\": [\n    \"" + files[0] + "\",\n    \"" + files[1] + "\"\n  ],\n"
                + "  \"sessions\": [\n    {\n"
                + "      \"metadata\": \"/" + folder + "0/metadata.json\",\n"
                + "      \"transcript\": \"/" + folder + "0/full.jsonl\",\n"
                + "      \"content_hash\": \"/" + folder + "0/content_hash.txt\",\n"
                + "      \"prompt\": \"/" + folder + "0/prompt.txt\"\n"
                + "    }\n  ],\n"
                + "  \"token_usage\": " + tokens + "\n}\n");
        file(folder + "0/metadata.json", "{\n"
                + "  \"cli_version\": \"0.4.4\",\n"
                + "  \"checkpoint_id\": \"" + id + "\",\n"
                + "  \"session_id\": \"" + session + "\",\n"
                + "  \"strategy\": \"manual-commit\",\n"
                + "  \"created_at\": \"" + createdAt + "\",\n"
                + "  \"branch\": \"" + branch + "\",\n"
                + "  \"checkpoints_count\": 1,\n"
                + "  \"files_touched\": [\n    \"" + files[0] + "\",\n    \"" + files[1] + "\"\n  ],\n"
                + "  \"agent\": \"Claude Code\",\n"
                + "  \"model\": \"" + model + "\",\n"
                + "  \"transcript_lines_at_start\": 0,\n"
                + "  \"token_usage\": " + tokens + "\n}\n");
        file(folder + "0/full.jsonl", transcript);
        file(folder + "0/prompt.txt", prompt);
        file(folder + "0/content_hash.txt", "sha256:" + sha256(transcript));
    }

    /** The token_usage object as it appears one level deep in both metadata files. */
    private static String tokens(int input, int cacheCreation, int cacheRead, int output, int calls) {
        return "{\n    \"input_tokens\": " + input + ",\n"
                + "    \"cache_creation_tokens\": " + cacheCreation + ",\n"
                + "    \"cache_read_tokens\": " + cacheRead + ",\n"
                + "    \"output_tokens\": " + output + ",\n"
                + "    \"api_call_count\": " + calls + "\n  }";
    }

    private static String transcript(String session, String prompt, String model, String createdAt) {
        String common = "\"isSidechain\":false,\"userType\":\"external\",\"cwd\":\"/home/dev/project\",\"sessionId\":\""
                + session + "\",\"version\":\"2.1.33\",\"gitBranch\":\"main\"";
        return "{\"parentUuid\":null," + common + ",\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\""
                + prompt + "\"},\"uuid\":\"" + UUID.nameUUIDFromBytes((session + 1).getBytes(StandardCharsets.UTF_8))
                + "\",\"timestamp\":\"" + createdAt + "\"}\n"
                + "{\"parentUuid\":null," + common + ",\"message\":{\"model\":\"" + model + "\",\"id\":\"msg_" + session
                + "\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Done.\"}],"
                + "\"usage\":{\"input_tokens\":3,\"cache_creation_input_tokens\":4000,\"cache_read_input_tokens\":0,"
                + "\"output_tokens\":16}},\"type\":\"assistant\",\"uuid\":\""
                + UUID.nameUUIDFromBytes((session + 2).getBytes(StandardCharsets.UTF_8)) + "\",\"timestamp\":\""
                + createdAt + "\"}\n";
    }

    private void file(String path, String content) throws IOException {
        text("M 100644 inline " + path + "\n");
        data(content);
    }

    private void data(String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        text("data " + bytes.length + "\n");
        out.write(bytes);
    }

    private void text(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
