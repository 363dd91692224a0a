package io.entire.core.store.branch;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.GitRepository;
import io.entire.core.id.CheckpointId;
import io.entire.core.store.CheckpointListing;
import io.entire.core.store.CheckpointTree;
import io.entire.core.store.StoredCheckpoint;
import io.entire.core.store.StoredSession;
import io.entire.core.store.TranscriptChunks;
import io.entire.core.testing.TestRepository;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class BranchStoreFixtureTest {
    /**
     * Slots of the real sample whose content_hash.txt does not match the stored transcript under any reading
     * (raw, without or with a final newline, CRLF, any line prefix): stale hashes in real data, which explain must
     * report as mismatches rather than hide.
     */
    public static final Set<String> STALE_HASHES = Set.of("d8ab7104d00c/0", "d9e47174f862/0", "ee8f793bfeb9/0",
            "f6a415abf2b0/0", "f6a415abf2b0/1");

    @TempDir
    static Path temp;
    static GitRepository repository;

    @BeforeAll
    static void cloneSample() {
        repository = TestRepository.upstreamSample(temp.resolve("sample"));
    }

    @Test
    void listsAllFortyRealCheckpointsNewestFirst() {
        try (BranchStore store = new BranchStore(repository, "test",
                new TranscriptChunks(TranscriptChunks.DEFAULT_LIMIT))) {
            List<CheckpointListing> listings = store.list();
            assertThat(listings).hasSize(40);
            assertThat(listings).allSatisfy(listing -> assertThat(listing.createdAt()).isPresent());
            for (int i = 1; i < listings.size(); i++) {
                assertThat(listings.get(i - 1).createdAt().get()).isAfterOrEqualTo(listings.get(i).createdAt().get());
            }
        }
    }

    @Test
    void everyRealTranscriptIsCheckedAgainstItsContentHash() throws Exception {
        try (BranchStore store = new BranchStore(repository, "test",
                new TranscriptChunks(TranscriptChunks.DEFAULT_LIMIT))) {
            int verified = 0;
            Set<String> mismatched = new TreeSet<>();
            for (CheckpointListing listing : store.list()) {
                StoredCheckpoint checkpoint = store.find(listing.id()).orElseThrow();
                assertThat(checkpoint.summary().id()).isEqualTo(listing.id());
                for (StoredSession session : checkpoint.sessions()) {
                    if (!session.hasTranscript() || session.file(CheckpointTree.CONTENT_HASH).isEmpty()) {
                        continue;   // 3 real transcripts have no hash and 4 slots hold only metadata.json
                    }
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    store.copyTranscript(checkpoint, session, bytes);
                    String expected = store.readText(session, CheckpointTree.CONTENT_HASH).orElseThrow();
                    String actual = "sha256:" + HexFormat.of().formatHex(
                            MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
                    if (actual.equals(expected)) {
                        verified++;
                    } else {
                        mismatched.add(listing.id() + "/" + session.slot());
                    }
                }
            }
            assertThat(mismatched).isEqualTo(STALE_HASHES);
            assertThat(verified).isEqualTo(44);
        }
    }

    @Test
    void unknownCheckpointIsNotFound() {
        try (BranchStore store = new BranchStore(repository, "test",
                new TranscriptChunks(TranscriptChunks.DEFAULT_LIMIT))) {
            assertThat(store.find(CheckpointId.of("000000000000"))).isEmpty();
        }
    }
}
