package io.entire.core.testing;

import io.entire.core.git.Git;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/** Writes a v1 branch of N generated checkpoints (FORMATS.md 2-3) with one git fast-import stream. */
public final class SyntheticCheckpoints {
    private SyntheticCheckpoints() {
    }

    /** Returns the generated ids, oldest first. */
    public static List<String> writeBranch(Git git, int count, long seed) {
        Random random = new Random(seed);
        List<String> ids = new ArrayList<>(count);
        ByteArrayOutputStream stream = new ByteArrayOutputStream(count * 2048);
        append(stream, "commit refs/heads/entire/checkpoints/v1\ncommitter Gen <gen@example.com> 1760000000 +0000\n");
        data(stream, "Initialize sessions branch\n");
        append(stream, "commit refs/heads/entire/checkpoints/v1\ncommitter Gen <gen@example.com> 1760000001 +0000\n");
        data(stream, "Synthetic checkpoints\n");
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < count; i++) {
            String id = String.format("%012x", random.nextLong() & 0xffffffffffffL);
            ids.add(id);
            String folder = id.substring(0, 2) + "/" + id.substring(2);
            String session = new java.util.UUID(random.nextLong(), random.nextLong()).toString();
            String created = base.plusSeconds(i * 60L).toString();
            String transcript = "{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"task " + i + "\"}}\n";
            file(stream, folder + "/0/full.jsonl", transcript);
            file(stream, folder + "/0/content_hash.txt", "sha256:" + sha256(transcript));
            file(stream, folder + "/0/prompt.txt", "task " + i);
            file(stream, folder + "/0/metadata.json", "{\n  \"cli_version\": \"0.4.4\",\n  \"checkpoint_id\": \"" + id
                    + "\",\n  \"session_id\": \"" + session + "\",\n  \"strategy\": \"manual-commit\",\n"
                    + "  \"created_at\": \"" + created + "\",\n  \"branch\": \"main\",\n  \"checkpoints_count\": 1,\n"
                    + "  \"files_touched\": [\n    \"src/file" + i + ".txt\"\n  ],\n  \"agent\": \"Claude Code\",\n"
                    + "  \"model\": \"claude-opus-4-6\",\n  \"token_usage\": {\n    \"input_tokens\": 3,\n"
                    + "    \"cache_creation_tokens\": 0,\n    \"cache_read_tokens\": 0,\n    \"output_tokens\": 7,\n"
                    + "    \"api_call_count\": 1\n  }\n}\n");
            file(stream, folder + "/metadata.json", "{\n  \"cli_version\": \"0.4.4\",\n  \"checkpoint_id\": \"" + id
                    + "\",\n  \"strategy\": \"manual-commit\",\n  \"branch\": \"main\",\n  \"checkpoints_count\": 1,\n"
                    + "  \"files_touched\": [\n    \"src/file" + i + ".txt\"\n  ],\n  \"sessions\": [\n    {\n"
                    + "      \"metadata\": \"/" + folder + "/0/metadata.json\",\n"
                    + "      \"transcript\": \"/" + folder + "/0/full.jsonl\",\n"
                    + "      \"content_hash\": \"/" + folder + "/0/content_hash.txt\",\n"
                    + "      \"prompt\": \"/" + folder + "/0/prompt.txt\"\n    }\n  ],\n  \"token_usage\": {\n"
                    + "    \"input_tokens\": 3,\n    \"cache_creation_tokens\": 0,\n    \"cache_read_tokens\": 0,\n"
                    + "    \"output_tokens\": 7,\n    \"api_call_count\": 1\n  }\n}\n");
        }
        append(stream, "done\n");
        git.run(List.of("fast-import", "--quiet", "--done"), stream.toByteArray());
        return ids;
    }

    private static void file(ByteArrayOutputStream stream, String path, String content) {
        append(stream, "M 100644 inline " + path + "\n");
        data(stream, content);
    }

    private static void data(ByteArrayOutputStream stream, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        append(stream, "data " + bytes.length + "\n");
        stream.writeBytes(bytes);
        append(stream, "\n");
    }

    private static void append(ByteArrayOutputStream stream, String text) {
        stream.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                    text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
