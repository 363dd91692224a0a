package io.entire.core.testing;

import io.entire.core.git.Git;
import io.entire.core.git.GitRepository;
import io.entire.core.id.CheckpointId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Damages two checkpoints of a v1 branch as a broken copy or a bad hand edit would: the first one's session slot 0
 * names a prompt blob the repository lacks, the second one's slot 0 metadata is not JSON.
 */
public final class DamagedCheckpoints {
    private DamagedCheckpoints() {
    }

    /** The two checkpoints damaged: the one lacking a blob, then the one with broken metadata. */
    public static List<CheckpointId> damage(GitRepository repository, Path scratchIndex) throws IOException {
        Git git = repository.git();
        List<CheckpointId> ids = git.run("ls-tree", "-d", "--name-only", "entire/checkpoints/v1").text().lines()
                .flatMap(shard -> git.run("ls-tree", "-d", "--name-only", "entire/checkpoints/v1:" + shard).text()
                        .lines().map(rest -> CheckpointId.of(shard + rest))).limit(2).toList();
        Git scratch = git.withVariables(Map.of("GIT_INDEX_FILE", scratchIndex.toString()));
        scratch.run("read-tree", "entire/checkpoints/v1");
        String lost = git.run(List.of("hash-object", "-w", "--stdin"), "a prompt nobody kept\n".getBytes(
                StandardCharsets.UTF_8)).text().strip();
        scratch.run("update-index", "--add", "--cacheinfo", "100644," + lost + "," + ids.get(0).treePath()
                + "/0/prompt.txt");
        String broken = git.run(List.of("hash-object", "-w", "--stdin"), "{\"session_id\": ".getBytes(
                StandardCharsets.UTF_8)).text().strip();
        scratch.run("update-index", "--cacheinfo", "100644," + broken + "," + ids.get(1).treePath()
                + "/0/metadata.json");
        git.run("update-ref", "refs/heads/entire/checkpoints/v1", git.run("commit-tree", scratch.run("write-tree")
                .text().strip(), "-p", "entire/checkpoints/v1", "-m", "damaged").text().strip());
        Files.delete(repository.commonDir().resolve("objects").resolve(lost.substring(0, 2))
                .resolve(lost.substring(2)));
        return ids;
    }
}
