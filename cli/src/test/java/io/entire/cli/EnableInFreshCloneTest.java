package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.Git;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code enable} in a fresh clone of a repository holding many checkpoints costs the same as in an empty one: it
 * reads no checkpoint (the Go tool's enable once took 31 s on such a clone).
 */
class EnableInFreshCloneTest {
    private static final int CHECKPOINTS = 200;

    @TempDir
    Path temp;

    @Test
    void enableReadsNoCheckpointOfAFreshClone() throws IOException {
        Sandbox origin = new Sandbox(temp.resolve("origin")).commit("initial");
        origin.git.run(List.of("fast-import", "--quiet"), checkpoints());
        Git parent = new Git(temp);
        parent.run("clone", "-q", "--filter=blob:none", origin.repo.toUri().toString(), "clone");
        Sandbox clone = Sandbox.existing(temp.resolve("clone"), temp.resolve("claude"));
        clone.git.run("fetch", "-q", "--filter=blob:none", "origin",
                "refs/entire/checkpoints/*:refs/entire/checkpoints/*");
        assertThat(clone.git.run("for-each-ref", "refs/entire/checkpoints/").text().lines()).hasSize(CHECKPOINTS);
        // Gone: a checkpoint blob read now would have to be fetched from it, and fails.
        Files.move(origin.repo, temp.resolve("origin-gone"));

        Path trace = temp.resolve("trace.json");
        Map<String, String> env = new HashMap<>(clone.env());
        env.put("GIT_TRACE2_EVENT", trace.toString());
        CliRun enable = CliRun.run(clone.repo, env, "enable", "--agent", "claude-code");

        assertThat(enable.exitCode()).as(enable.err()).isZero();
        assertThat(clone.repo.resolve(".entire/settings.json")).isRegularFile();
        String commands = Files.readString(trace, StandardCharsets.UTF_8);
        assertThat(commands).as("git traced the commands enable ran").contains("rev-parse");
        assertThat(commands).doesNotContain("cat-file", "entire/checkpoints", "fetch");
    }

    /** A fast-import stream of CHECKPOINTS checkpoints on the v1 branch and as one ref each (FORMATS.md 3, 5). */
    private static byte[] checkpoints() {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        StringBuilder branch = new StringBuilder("commit refs/heads/entire/checkpoints/v1\n"
                + "committer Gen <gen@example.com> 1760000000 +0000\ndata 27\nInitialize sessions branch\n\n"
                + "commit refs/heads/entire/checkpoints/v1\ncommitter Gen <gen@example.com> 1760000001 +0000\n"
                + "data 12\nCheckpoints\n");
        for (int i = 0; i < CHECKPOINTS; i++) {
            String id = String.format("%012x", 0xa00000000000L + i * 7919L);
            String metadata = "{\n  \"checkpoint_id\": \"" + id + "\",\n  \"strategy\": \"manual-commit\",\n"
                    + "  \"checkpoints_count\": 1,\n  \"files_touched\": [],\n  \"sessions\": []\n}\n";
            stream.writeBytes(("commit refs/entire/checkpoints/" + id.substring(10) + "/" + id
                    + "\ncommitter Gen <gen@example.com> 1760000000 +0000\ndata 25\nCheckpoint: " + id + "\n"
                    + inline("metadata.json", metadata) + "\n").getBytes(StandardCharsets.UTF_8));
            branch.append(inline(id.substring(0, 2) + "/" + id.substring(2) + "/metadata.json", metadata));
        }
        stream.writeBytes(branch.append('\n').toString().getBytes(StandardCharsets.UTF_8));
        return stream.toByteArray();
    }

    private static String inline(String path, String content) {
        return "M 100644 inline " + path + "\ndata " + content.getBytes(StandardCharsets.UTF_8).length + "\n"
                + content;
    }
}
