package io.entire.core.store.refs;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.Git;
import io.entire.core.git.GitRepository;
import io.entire.core.id.CheckpointId;
import io.entire.core.push.PushQueue;
import io.entire.core.store.CheckpointListing;
import io.entire.core.store.FolderListing;
import io.entire.core.store.ListingCache;
import io.entire.core.store.StoreKind;
import io.entire.core.store.TranscriptChunks;
import io.entire.core.store.WriteKind;
import io.entire.core.testing.Sessions;
import io.entire.core.testing.TestEnvironment;
import io.entire.core.testing.TestRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code list} of the ref store reads each checkpoint's blobs once: later listings take what they can from the
 * listing cache, and must equal a full read whatever happened to the refs or to the cache file in between.
 */
class RefStoreListingCacheTest {
    private static final CheckpointId FIRST = CheckpointId.of("a3b2c4d5e6f7");
    private static final CheckpointId SECOND = CheckpointId.of("0b1c2d3e4f50");
    private static final CheckpointId THIRD = CheckpointId.of("9c8d7e6f5a41");

    @TempDir
    Path temp;
    GitRepository repository;
    Git git;

    @BeforeEach
    void createRepository() {
        repository = TestRepository.withCommit(temp.resolve("repo"));
        git = repository.git();
        write(repository, FIRST, "s1", List.of("a.go"), "Use strings.Contains");
        write(repository, SECOND, "s2", List.of("b.go", "c.go"), "Add a --json flag");
    }

    private RefStore store(GitRepository in) {
        return new RefStore(in, "9.9.9", new TranscriptChunks(TranscriptChunks.DEFAULT_LIMIT),
                new PushQueue(in.commonDir()));
    }

    private void write(GitRepository in, CheckpointId id, String session, List<String> files, String prompt) {
        try (RefStore store = store(in)) {
            store.write(id, Sessions.content(temp.resolve("transcripts"), id, session, "{}\n", files,
                    List.of(prompt)), WriteKind.CHECKPOINT);
        }
    }

    private List<CheckpointListing> list(GitRepository in) {
        try (RefStore store = store(in)) {
            return store.list();
        }
    }

    /** What the store lists when nothing is cached: every blob read from git. */
    private List<CheckpointListing> fullRead(GitRepository in) throws IOException {
        Path file = cacheFile(in);
        Path aside = file.resolveSibling("aside");
        Files.move(file, aside);
        try {
            return list(in);
        } finally {
            Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path cacheFile(GitRepository in) {
        return ListingCache.of(in.commonDir(), StoreKind.REFS).file();
    }

    /** Deletes the loose object of a checkpoint's root metadata, so that only the cache can still list it in full. */
    private void deleteRootMetadataBlob(Git in, Path commonDir, CheckpointId id) throws IOException {
        String blob = in.run("rev-parse", CheckpointRefs.refFor(id).name() + ":metadata.json").text().strip();
        Files.delete(commonDir.resolve("objects").resolve(blob.substring(0, 2)).resolve(blob.substring(2)));
    }

    @Test
    void aSecondListingComesFromTheCacheWithoutReadingTheCheckpoints() throws IOException {
        List<CheckpointListing> first = list(repository);
        assertThat(first).extracting(CheckpointListing::id).containsExactlyInAnyOrder(FIRST, SECOND);
        assertThat(cacheFile(repository)).isRegularFile();

        deleteRootMetadataBlob(git, repository.commonDir(), FIRST);

        assertThat(list(repository)).isEqualTo(first);
        assertThat(first).allSatisfy(listing -> assertThat(listing.problem()).isEmpty());
    }

    @Test
    void aNewCheckpointIsReadAndAddedToTheCache() throws IOException {
        list(repository);
        write(repository, THIRD, "s3", List.of("d.go"), "Fix the retry loop");

        List<CheckpointListing> listed = list(repository);
        assertThat(listed).extracting(CheckpointListing::id).containsExactlyInAnyOrder(FIRST, SECOND, THIRD);
        assertThat(listed).isEqualTo(fullRead(repository));
        deleteRootMetadataBlob(git, repository.commonDir(), THIRD);
        assertThat(list(repository)).isEqualTo(listed);
    }

    @Test
    void aCheckpointThatMovedOnIsReadAgain() throws IOException {
        list(repository);
        write(repository, FIRST, "s9", List.of("z.go"), "A second session");

        List<CheckpointListing> listed = list(repository);
        CheckpointListing moved = listed.stream().filter(listing -> listing.id().equals(FIRST)).findFirst()
                .orElseThrow();
        assertThat(moved.sessionCount()).isEqualTo(2);
        assertThat(moved.filesTouched()).contains("a.go", "z.go");
        assertThat(listed).isEqualTo(fullRead(repository));
    }

    @Test
    void aRemovedCheckpointLeavesTheListAndTheCache() throws IOException {
        list(repository);
        long before = Files.size(cacheFile(repository));
        git.run("update-ref", "-d", CheckpointRefs.refFor(SECOND).name());

        assertThat(list(repository)).extracting(CheckpointListing::id).containsExactly(FIRST);
        assertThat(Files.size(cacheFile(repository))).isLessThan(before);
        assertThat(list(repository)).isEqualTo(fullRead(repository));
    }

    @Test
    void aFetchedCheckpointIsListed() throws IOException {
        Git clone = new Git(temp);
        clone.run("clone", "-q", repository.workTree().toString(), "clone");
        GitRepository cloned = GitRepository.open(temp.resolve("clone"), TestEnvironment.ofThisJvm());
        cloned.git().run("fetch", "-q", "origin", "refs/entire/checkpoints/*:refs/entire/checkpoints/*");
        assertThat(list(cloned)).extracting(CheckpointListing::id).containsExactlyInAnyOrder(FIRST, SECOND);

        write(repository, THIRD, "s3", List.of("d.go"), "Fix the retry loop");
        cloned.git().run("fetch", "-q", "origin", "refs/entire/checkpoints/*:refs/entire/checkpoints/*");

        List<CheckpointListing> listed = list(cloned);
        assertThat(listed).extracting(CheckpointListing::id).containsExactlyInAnyOrder(FIRST, SECOND, THIRD);
        assertThat(listed).isEqualTo(fullRead(cloned));
    }

    @ParameterizedTest
    @ValueSource(strings = {"truncated", "flipped", "empty", "garbage"})
    void aDamagedCacheIsReadAsMissingAndRewritten(String damage) throws IOException {
        List<CheckpointListing> expected = list(repository);
        Path file = cacheFile(repository);
        byte[] bytes = Files.readAllBytes(file);
        switch (damage) {
            case "truncated" -> Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
            case "flipped" -> {
                bytes[bytes.length / 2] ^= 0x20;
                Files.write(file, bytes);
            }
            case "empty" -> Files.write(file, new byte[0]);
            default -> Files.writeString(file, "not a listing cache\n");
        }

        assertThat(list(repository)).isEqualTo(expected);
        deleteRootMetadataBlob(git, repository.commonDir(), SECOND);
        assertThat(list(repository)).as("rewritten, so the next listing needs no blob").isEqualTo(expected);
    }

    @Test
    void anUnwritableCacheIsNoError() throws IOException {
        Files.createDirectories(cacheFile(repository));   // a directory where the file should be
        List<CheckpointListing> listed = list(repository);
        assertThat(listed).extracting(CheckpointListing::id).containsExactlyInAnyOrder(FIRST, SECOND);
        assertThat(list(repository)).isEqualTo(listed);
    }

    @Test
    void aCheckpointListedWithAProblemIsReadAgainOnceItCanBe() throws IOException {
        String blob = git.run("rev-parse", CheckpointRefs.refFor(FIRST).name() + ":metadata.json").text().strip();
        String content = git.run("cat-file", "blob", blob).text();
        deleteRootMetadataBlob(git, repository.commonDir(), FIRST);
        CheckpointListing damaged = list(repository).stream().filter(listing -> listing.id().equals(FIRST))
                .findFirst().orElseThrow();
        assertThat(damaged.problem()).isPresent();

        Path saved = temp.resolve("metadata.json");
        Files.writeString(saved, content + "\n");
        assertThat(git.run("hash-object", "-w", saved.toString()).text().strip()).isEqualTo(blob);

        CheckpointListing repaired = list(repository).stream().filter(listing -> listing.id().equals(FIRST))
                .findFirst().orElseThrow();
        assertThat(repaired.problem()).isEqualTo(Optional.empty());
        assertThat(repaired.filesTouched()).containsExactly("a.go");
    }

    @Test
    void whileNoRefMovesTheCachedListingIsTheAnswerAndNoFolderIsVisited() {
        List<CheckpointListing> first = list(repository);
        ListingCache cache = ListingCache.of(repository.commonDir(), StoreKind.REFS);
        String source = cache.read().source();
        assertThat(source).startsWith("refs ");
        try (RefStore store = store(repository)) {
            assertThat(FolderListing.read(store.workers(), source, visitor -> {
                throw new AssertionError("the folders were visited");
            }, cache)).isEqualTo(first);
        }
        assertThat(list(repository)).isEqualTo(first);
    }

    @Test
    void aRefRenamedAtTheSameCommitChangesTheSourceButNotTheListing() throws IOException {
        List<CheckpointListing> first = list(repository);
        String before = ListingCache.of(repository.commonDir(), StoreKind.REFS).read().source();
        String ref = CheckpointRefs.refFor(FIRST).name();
        String commit = git.run("rev-parse", ref).text().strip();
        git.run("update-ref", CheckpointRefs.PREFIX + FIRST.value().substring(0, 2) + "/" + FIRST.value(), commit);
        git.run("update-ref", "-d", ref);

        assertThat(list(repository)).isEqualTo(first).isEqualTo(fullRead(repository));
        String after = ListingCache.of(repository.commonDir(), StoreKind.REFS).read().source();
        assertThat(after).startsWith("refs ").isNotEqualTo(before);
    }
}
