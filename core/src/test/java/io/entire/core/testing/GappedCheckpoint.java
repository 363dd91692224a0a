package io.entire.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.Git;
import io.entire.core.id.CheckpointId;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A real checkpoint of the upstream sample with gaps in its slot folders, as the Go tool leaves them (34 of 590 real
 * checkpoints): the two sessions of {@link #ID} moved to slots 0 and 2, and a third real session (of checkpoint
 * 0e053674f90a) at slot 3; the root index names the three folders.
 */
public final class GappedCheckpoint {
    public static final CheckpointId ID = CheckpointId.of("044ed289c318");
    /** The folder's path prefix in the root index on the v1 branch. */
    public static final String FOLDER = "/04/4ed289c318/";
    /** The session ids in slots 2 and 3. */
    public static final String SLOT_2_SESSION = "fdd24234-3c2a-4958-91ed-59c63b12ba1e";
    public static final String SLOT_3_SESSION = "7505c804-ef06-4be0-a866-480597e6bbc1";

    private static final String BRANCH = "entire/checkpoints/v1";

    private GappedCheckpoint() {
    }

    /** Rewrites {@link #ID} on the sample's v1 branch with gapped slots, as a new commit on the branch. */
    public static void write(Git git) {
        String third = git.run("rev-parse", BRANCH + ":0e/053674f90a/0").text().strip();
        JsonObject root = new JsonReader().parseObject(git.run("show", BRANCH + ":04/4ed289c318/metadata.json")
                .text().replace(FOLDER + "1/", FOLDER + "2/").getBytes(StandardCharsets.UTF_8));
        String rootText = JsonWriter.compact(root).replace("\"prompt\":\"" + FOLDER + "2/prompt.txt\"}]",
                "\"prompt\":\"" + FOLDER + "2/prompt.txt\"},{\"metadata\":\"" + FOLDER + "3/metadata.json\","
                        + "\"transcript\":\"" + FOLDER + "3/full.jsonl\",\"content_hash\":\"" + FOLDER
                        + "3/content_hash.txt\",\"prompt\":\"" + FOLDER + "3/prompt.txt\"}]");
        assertThat(rootText).contains(FOLDER + "3/metadata.json");
        String rootBlob = git.run(List.of("hash-object", "-w", "--stdin"), rootText.getBytes(StandardCharsets.UTF_8))
                .text().strip();
        String folder = mktree(git, "040000 tree " + git.run("rev-parse", BRANCH + ":04/4ed289c318/0").text()
                .strip() + "\t0\n040000 tree " + git.run("rev-parse", BRANCH + ":04/4ed289c318/1").text().strip()
                + "\t2\n040000 tree " + third + "\t3\n100644 blob " + rootBlob + "\tmetadata.json\n");
        StringBuilder shard = new StringBuilder();
        git.run("ls-tree", BRANCH + ":04").text().lines().forEach(line -> shard.append(line.endsWith("\t4ed289c318")
                ? "040000 tree " + folder + "\t4ed289c318" : line).append('\n'));
        String shardTree = mktree(git, shard.toString());
        StringBuilder top = new StringBuilder();
        git.run("ls-tree", BRANCH).text().lines().forEach(line -> top.append(line.endsWith("\t04")
                ? "040000 tree " + shardTree + "\t04" : line).append('\n'));
        String commit = git.run("commit-tree", mktree(git, top.toString()), "-p", BRANCH, "-m", "Gap the slots")
                .text().strip();
        git.run("update-ref", "refs/heads/" + BRANCH, commit);
    }

    private static String mktree(Git git, String entries) {
        return git.run(List.of("mktree"), entries.getBytes(StandardCharsets.UTF_8)).text().strip();
    }
}
