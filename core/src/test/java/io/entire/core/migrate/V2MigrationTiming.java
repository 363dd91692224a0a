package io.entire.core.migrate;

import io.entire.core.agent.claudecode.ClaudeCompactTranscripts;
import io.entire.core.git.BatchReader;
import io.entire.core.git.CommitSigning;
import io.entire.core.git.Git;
import io.entire.core.git.GitObject;
import io.entire.core.git.GitRepository;
import io.entire.core.store.StoreSet;
import io.entire.core.store.v2.V2Store;
import io.entire.core.testing.SyntheticCheckpoints;
import io.entire.core.testing.TestRepository;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Prints how long migrating N synthetic checkpoints to v2 takes against a floor measured in the same run: one
 * {@code git fast-import} that writes the same v2 refs (same trees, reused v1 blobs, new blobs inline) into a copy
 * of the repository as it was before the migration. Not a test: run it with
 * {@code java -cp <test classpath> io.entire.core.migrate.V2MigrationTiming <scratch dir> 1000 10000}.
 */
public final class V2MigrationTiming {
    private V2MigrationTiming() {
    }

    public static void main(String[] args) throws Exception {
        Path scratch = Path.of(args[0]);
        System.out.printf("%8s %10s %10s %8s %10s%n", "N", "migrate s", "floor s", "ratio", "no-op s");
        for (int i = 1; i < args.length; i++) {
            int count = Integer.parseInt(args[i]);
            Path source = scratch.resolve(count + "-migrated");
            Path floor = scratch.resolve(count + "-floor");
            GitRepository repository = TestRepository.withCommit(source);
            SyntheticCheckpoints.writeBranch(repository.git(), count, count);
            if (new ProcessBuilder("cp", "-a", source.toString(), floor.toString())
                    .inheritIO().start().waitFor() != 0) {
                throw new IllegalStateException("copying " + source + " failed");
            }
            long start = System.nanoTime();
            MigrationReport report = migrate(repository);
            double migrate = seconds(start);
            start = System.nanoTime();
            MigrationReport rerun = migrate(repository);
            double noOp = seconds(start);
            byte[] stream = floorStream(repository);
            start = System.nanoTime();
            new Git(floor).run(List.of("fast-import", "--quiet", "--done"), stream);
            double floorSeconds = seconds(start);
            System.out.printf("%8d %10.2f %10.2f %8.2f %10.2f   (%s; rerun: %s)%n", count, migrate, floorSeconds,
                    migrate / floorSeconds, noOp, report.summary(), rerun.summary());
        }
    }

    private static MigrationReport migrate(GitRepository repository) {
        try (StoreSet stores = StoreSet.forV2Migration(repository, "bench",
                new ClaudeCompactTranscripts("bench")::build,
                V2Store.GENERATION_SIZE)) {
            return new V2Migration(repository, stores, new MigrationOptions(MigrationOptions.Mode.WRITE,
                    Optional.empty(), CommitSigning.never()), V2MigrationPlanner.Scope.MISSING,
                    MigrationProgress.NONE).run();
        }
    }

    /** The v2 refs the migration wrote, as one fast-import stream over the pre-migration repository. */
    private static byte[] floorStream(GitRepository repository) throws Exception {
        Git git = repository.git();
        Set<String> v1Blobs = new HashSet<>();
        git.run("ls-tree", "-r", "entire/checkpoints/v1").text().lines()
                .forEach(line -> v1Blobs.add(line.split("\\s+")[2]));
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<String> refs = git.run("for-each-ref", "--format=%(refname)", "refs/entire/checkpoints/v2/").text()
                .lines().toList();
        try (BatchReader reader = repository.openReader()) {
            for (String ref : refs) {
                stream.writeBytes(("commit " + ref + "\ncommitter Floor <f@example.com> 1760000000 +0000\ndata 6\n"
                        + "floor\n").getBytes(StandardCharsets.UTF_8));
                List<String[]> files = new ArrayList<>();
                git.run("ls-tree", "-r", ref).text().lines().forEach(line -> files.add(new String[] {
                    line.split("\\s+")[2], line.substring(line.indexOf('\t') + 1)}));
                List<String> inline = files.stream().filter(file -> !v1Blobs.contains(file[0]))
                        .map(file -> file[0]).toList();
                List<byte[]> contents = new ArrayList<>();
                reader.readAll(inline, object -> contents.add(object.map(GitObject::content).orElseThrow()));
                int next = 0;
                for (String[] file : files) {
                    if (v1Blobs.contains(file[0])) {
                        stream.writeBytes(("M 100644 " + file[0] + " " + file[1] + "\n")
                                .getBytes(StandardCharsets.UTF_8));
                    } else {
                        byte[] content = contents.get(next++);
                        stream.writeBytes(("M 100644 inline " + file[1] + "\ndata " + content.length + "\n")
                                .getBytes(StandardCharsets.UTF_8));
                        stream.writeBytes(content);
                        stream.write('\n');
                    }
                }
                stream.write('\n');
            }
        }
        stream.writeBytes("done\n".getBytes(StandardCharsets.UTF_8));
        return stream.toByteArray();
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
