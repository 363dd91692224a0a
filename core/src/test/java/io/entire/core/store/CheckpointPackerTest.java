package io.entire.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.RandomSource;
import io.entire.core.git.Git;
import io.entire.core.git.GitRepository;
import io.entire.core.git.ObjectPacks;
import io.entire.core.git.RefName;
import io.entire.core.id.CheckpointId;
import io.entire.core.push.PushQueue;
import io.entire.core.settings.Settings;
import io.entire.core.settings.SettingsLoader;
import io.entire.core.store.v2.V2StoreTest;
import io.entire.core.testing.Sessions;
import io.entire.core.testing.TestRepository;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One session growing over many checkpoints, each packed as the background packer does after a checkpoint, then a
 * plain {@code git gc} as the user runs it on two cores: the checkpoints cost about one compressed copy of the
 * transcript, deterministically, as the packer's deltas are the ones gc keeps.
 */
class CheckpointPackerTest {
    private static final int CHECKPOINTS = 40;
    private static final int LINES_PER_CHECKPOINT = 100;
    private static final RefName V1_BRANCH = RefName.of("refs/heads/entire/checkpoints/v1");

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"strategy_options\": {\"checkpoint_store\": \"refs-v1\"}}"})
    void aGrowingSessionKeepsItsDeltasThroughAPlainGc(String settingsJson) throws IOException {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        Git git = repository.git();
        git.run("config", "pack.threads", "2");   // what git gc uses on a two-core machine
        Settings settings = V2StoreTest.settings(repository, settingsJson);
        List<String> lines = transcriptLines(CHECKPOINTS * LINES_PER_CHECKPOINT);
        String transcript = "";
        CheckpointPacker packer = new CheckpointPacker(repository);
        try (StoreSet stores = StoreSet.open(repository, settings, "test", new PushQueue(repository.commonDir()))) {
            for (int i = 1; i <= CHECKPOINTS; i++) {
                transcript = String.join("", lines.subList(0, i * LINES_PER_CHECKPOINT));
                CheckpointId id = stores.newCheckpointId(Clock.systemUTC(), RandomSource.system());
                stores.write(id, Sessions.content(temp.resolve("scratch"), id, "growing-session", transcript,
                        List.of("main.go"), List.of("prompt " + i)), WriteKind.CHECKPOINT);
                assertThat(packer.pack()).isEqualTo(CheckpointPacker.Outcome.PACKED);
            }
        }
        git.run("gc", "-q");

        assertThat(git.run("fsck", "--strict").succeeded()).isTrue();
        // Without the packer, this git gc leaves 1.5x (the budget is 2x); with it the deltas survive: 1.05x.
        assertThat(packedKib(git)).isLessThanOrEqualTo(gzippedKib(transcript) * 5 / 4);
    }

    @Test
    void packingTwiceWithNothingNewWritesNothing() throws IOException {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        Settings settings = SettingsLoader.load(repository.workTree());
        try (StoreSet stores = StoreSet.open(repository, settings, "test", new PushQueue(repository.commonDir()))) {
            CheckpointId id = stores.newCheckpointId(Clock.systemUTC(), RandomSource.system());
            stores.write(id, Sessions.content(temp.resolve("scratch"), id, "session", "{\"n\":1}\n",
                    List.of("main.go"), List.of("prompt")), WriteKind.CHECKPOINT);
        }
        CheckpointPacker packer = new CheckpointPacker(repository);
        assertThat(packer.pack()).isEqualTo(CheckpointPacker.Outcome.PACKED);
        List<String> packs = packFiles(repository);

        assertThat(packer.pack()).isEqualTo(CheckpointPacker.Outcome.UNCHANGED);
        assertThat(packFiles(repository)).isEqualTo(packs);
    }

    @Test
    void aRunningGcIsLeftAloneButTheFileOfAKilledOneIsNot() throws IOException {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        Settings settings = SettingsLoader.load(repository.workTree());
        try (StoreSet stores = StoreSet.open(repository, settings, "test", new PushQueue(repository.commonDir()))) {
            CheckpointId id = stores.newCheckpointId(Clock.systemUTC(), RandomSource.system());
            stores.write(id, Sessions.content(temp.resolve("scratch"), id, "session", "{\"n\":1}\n",
                    List.of("main.go"), List.of("prompt")), WriteKind.CHECKPOINT);
        }
        Path gcPid = Files.writeString(repository.commonDir().resolve("gc.pid"), "12345 host\n");
        CheckpointPacker packer = new CheckpointPacker(repository);

        assertThat(packer.pack()).isEqualTo(CheckpointPacker.Outcome.BUSY);
        assertThat(packFiles(repository)).isEmpty();

        Files.setLastModifiedTime(gcPid, FileTime.from(Instant.now().minus(Duration.ofHours(13))));
        assertThat(packer.pack()).isEqualTo(CheckpointPacker.Outcome.PACKED);
    }

    /**
     * The states a kill of the packer can leave after a checkpoint, one after another: a half-written temporary pack
     * (pack-objects killed), a new pack nobody recorded (killed before removing the old one), a recorded pack already
     * removed (killed before the record was rewritten). The next packing and a git gc must find every checkpoint.
     */
    @Test
    void aKillAtAnyStepLosesNothing() throws IOException {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        Git git = repository.git();
        Settings settings = SettingsLoader.load(repository.workTree());
        CheckpointPacker packer = new CheckpointPacker(repository);
        ObjectPacks packs = repository.objectPacks();
        Path packDirectory = repository.commonDir().resolve("objects/pack");
        List<CheckpointId> written = new ArrayList<>();
        try (StoreSet stores = StoreSet.open(repository, settings, "test", new PushQueue(repository.commonDir()))) {
            for (int step = 0; step < 3; step++) {
                CheckpointId id = stores.newCheckpointId(Clock.systemUTC(), RandomSource.system());
                stores.write(id, Sessions.content(temp.resolve("scratch"), id, "session", "{\"step\":" + step + "}\n",
                        List.of("main.go"), List.of("prompt " + step)), WriteKind.CHECKPOINT);
                written.add(id);
                if (step == 0) {
                    assertThat(packer.pack()).isEqualTo(CheckpointPacker.Outcome.PACKED);
                    Path recorded = packDirectory.resolve(recordedPack(repository));
                    byte[] packBytes = Files.readAllBytes(recorded);
                    Files.write(packDirectory.resolve("tmp_pack_killed"),
                            Arrays.copyOf(packBytes, packBytes.length / 2));
                } else {
                    String recorded = recordedPack(repository);
                    packs.write(List.of(repository.refs().find(V1_BRANCH).orElseThrow()), List.of());
                    if (step == 2) {
                        packs.list().stream().filter(pack -> pack.name().equals(recorded)).forEach(packs::delete);
                    }
                }
                assertThat(git.run("fsck", "--strict").succeeded()).isTrue();
                assertThat(packer.pack()).isIn(CheckpointPacker.Outcome.PACKED, CheckpointPacker.Outcome.UNCHANGED);
                assertThat(git.run("fsck", "--strict").succeeded()).isTrue();
            }
            CheckpointId last = stores.newCheckpointId(Clock.systemUTC(), RandomSource.system());
            stores.write(last, Sessions.content(temp.resolve("scratch"), last, "session", "{\"step\":3}\n",
                    List.of("main.go"), List.of("prompt 3")), WriteKind.CHECKPOINT);
            written.add(last);
            assertThat(packer.pack()).isEqualTo(CheckpointPacker.Outcome.PACKED);
            git.run("gc", "-q");

            assertThat(git.run("fsck", "--strict").succeeded()).isTrue();
            for (CheckpointId id : written) {
                assertThat(stores.primary().find(id)).as("checkpoint " + id).isPresent();
            }
        }
    }

    private static String recordedPack(GitRepository repository) throws IOException {
        return Files.readAllLines(repository.commonDir().resolve(CheckpointPacker.RECORD)).get(0);
    }

    private static long packedKib(Git git) {
        for (String line : git.run("count-objects", "-v").text().split("\n")) {
            if (line.startsWith("size-pack: ")) {
                return Long.parseLong(line.substring("size-pack: ".length()).strip());
            }
        }
        throw new AssertionError("git count-objects printed no size-pack");
    }

    private static long gzippedKib(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.size() / 1024;
    }

    private static List<String> packFiles(GitRepository repository) throws IOException {
        try (Stream<Path> files = Files.list(repository.commonDir().resolve("objects/pack"))) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * The real fixture transcripts' lines, repeated with a turn number and id in each so that no two lines are alike,
     * as in a long session whose turns resemble each other.
     */
    private static List<String> transcriptLines(int count) throws IOException {
        List<String> fixture = new ArrayList<>();
        try (Stream<Path> files = Files.list(TestRepository.FIXTURES.resolve("claude-code"))) {
            for (Path file : files.sorted().toList()) {
                fixture.addAll(Files.readAllLines(file));
            }
        }
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String line = fixture.get(i % fixture.size());
            UUID uuid = UUID.nameUUIDFromBytes(("turn " + i).getBytes(StandardCharsets.UTF_8));
            lines.add("{\"turn\":" + i + ",\"turnId\":\"" + uuid + "\"," + line.substring(1) + "\n");
        }
        return lines;
    }
}
