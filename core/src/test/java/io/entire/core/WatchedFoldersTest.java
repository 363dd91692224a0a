package io.entire.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hook server's listings of session folders: the same entries and identities a listing entry by entry gives,
 * whatever changed between two questions, answered from the kernel's events.
 */
class WatchedFoldersTest {
    private static final Duration DEADLINE = Duration.ofSeconds(5);

    @TempDir
    Path temp;
    Path folder;
    Path sync;

    @BeforeEach
    void folders() throws IOException {
        assumeTrue(System.getProperty("os.name").equals("Linux"), "the kernel's file events are watched on Linux");
        folder = Files.createDirectory(temp.resolve("entire-sessions"));
        sync = temp.resolve("server.sock.watch");
    }

    @Test
    void followsEveryChangeMadeThroughTheFolder() throws IOException {
        Random random = new Random(26);
        try (WatchedFolders watched = WatchedFolders.open(sync, DEADLINE)) {
            for (int step = 0; step < 400; step++) {
                String name = "s" + random.nextInt(12) + (random.nextInt(5) == 0 ? ".lock" : ".json");
                Path file = folder.resolve(name);
                switch (random.nextInt(5)) {
                    case 0 -> replaceAtomically(file, "state " + step);
                    case 1 -> Files.writeString(file, "x".repeat(random.nextInt(3)), StandardOpenOption.CREATE,
                            StandardOpenOption.TRUNCATE_EXISTING);
                    case 2 -> Files.writeString(file, "more", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    case 3 -> Files.deleteIfExists(file);
                    default -> {
                        if (Files.exists(file)) {
                            Files.move(file, folder.resolve("s" + random.nextInt(12) + ".json"),
                                    StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                        }
                    }
                }
                if (random.nextInt(3) == 0) {
                    assertThat(watched.entries(folder, ".json")).isEqualTo(listed(folder));
                }
            }
            assertThat(watched.entries(folder, ".json")).isEqualTo(listed(folder)).isNotEmpty();
            assertAnswersFromEvents(watched);
        }
    }

    @Test
    void everyChangeMadeBeforeAQuestionIsInItsAnswerWhileAnotherWriterGoesOn() throws Exception {
        for (int i = 0; i < 40; i++) {
            Files.writeString(folder.resolve("s" + i + ".json"), "{}");
        }
        try (WatchedFolders watched = WatchedFolders.open(sync, DEADLINE)) {
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService writer = Executors.newSingleThreadExecutor();
            try {
                Future<?> appends = writer.submit(() -> {
                    for (int i = 0; writing.get(); i++) {
                        Files.writeString(folder.resolve("s" + i % 40 + ".json"), "+", StandardOpenOption.APPEND);
                    }
                    return null;
                });
                for (int question = 0; question < 300; question++) {
                    // Appends only grow the files: an answer may be newer than what was there before it, never older.
                    Map<String, FileIdentity> before = listed(folder);
                    Map<String, FileIdentity> answer = watched.entries(folder, ".json");
                    for (Map.Entry<String, FileIdentity> entry : before.entrySet()) {
                        assertThat(answer.get(entry.getKey()).size()).as(entry.getKey() + " at question " + question)
                                .isGreaterThanOrEqualTo(entry.getValue().size());
                    }
                }
                writing.set(false);
                appends.get();
            } finally {
                writer.shutdownNow();
            }
            assertThat(watched.entries(folder, ".json")).isEqualTo(listed(folder));
            assertAnswersFromEvents(watched);
        }
    }

    @Test
    void answersFromEventsNotFromALookAtEachEntry() throws IOException {
        try (WatchedFolders watched = WatchedFolders.open(sync, DEADLINE)) {
            Files.writeString(folder.resolve("a.json"), "{}");
            assertThat(watched.entries(folder, ".json")).isEqualTo(listed(folder));
            assertAnswersFromEvents(watched);
        }
    }

    @Test
    void manyChangesAtOnceAreListedAnew() throws IOException {
        try (WatchedFolders watched = WatchedFolders.open(sync, DEADLINE)) {
            assertThat(watched.entries(folder, ".json")).isEmpty();
            for (int i = 0; i < 700; i++) {   // more events than the JDK keeps for one key
                replaceAtomically(folder.resolve("s" + i + ".json"), "state " + i);
            }
            assertThat(watched.entries(folder, ".json")).hasSize(700).isEqualTo(listed(folder));
            assertAnswersFromEvents(watched);
        }
    }

    @Test
    void aFolderRemovedAndMadeAgainIsListedAnew() throws IOException {
        try (WatchedFolders watched = WatchedFolders.open(sync, DEADLINE)) {
            Files.writeString(folder.resolve("a.json"), "{}");
            assertThat(watched.entries(folder, ".json")).containsOnlyKeys("a.json");
            Files.delete(folder.resolve("a.json"));
            Files.delete(folder);
            assertThat(watched.entries(folder, ".json")).isEmpty();
            Files.createDirectory(folder);
            Files.writeString(folder.resolve("b.json"), "{}");
            assertThat(watched.entries(folder, ".json")).containsOnlyKeys("b.json").isEqualTo(listed(folder));
            Files.writeString(folder.resolve("c.json"), "{}");
            assertThat(watched.entries(folder, ".json")).containsOnlyKeys("b.json", "c.json");
            assertAnswersFromEvents(watched);
        }
    }

    @Test
    void aFolderMovedAwayIsFollowedAndOneMadeAtItsPathListedApart() throws IOException {
        try (WatchedFolders watched = WatchedFolders.open(sync, DEADLINE)) {
            Files.writeString(folder.resolve("a.json"), "{}");
            assertThat(watched.entries(folder, ".json")).containsOnlyKeys("a.json");
            Path moved = Files.move(folder, temp.resolve("moved-sessions"));
            Files.createDirectory(folder);
            Files.writeString(folder.resolve("b.json"), "{}");
            assertThat(watched.entries(folder, ".json")).containsOnlyKeys("b.json").isEqualTo(listed(folder));
            Files.writeString(moved.resolve("c.json"), "{}");
            assertThat(watched.entries(moved, ".json")).containsOnlyKeys("a.json", "c.json").isEqualTo(listed(moved));
            Files.writeString(moved.resolve("a.json"), "{\"more\": 1}");
            Files.writeString(folder.resolve("b.json"), "{\"more\": 1}");
            assertThat(watched.entries(moved, ".json")).isEqualTo(listed(moved));
            assertThat(watched.entries(folder, ".json")).isEqualTo(listed(folder));
            assertAnswersFromEvents(watched);
        }
    }

    @Test
    void aFolderReachedThroughALinkTooIsOneListing() throws IOException {
        Path link = Files.createSymbolicLink(temp.resolve("linked-sessions"), folder);
        try (WatchedFolders watched = WatchedFolders.open(sync, DEADLINE)) {
            for (int i = 0; i < 6; i++) {
                replaceAtomically(folder.resolve("s" + i + ".json"), "state " + i);
                Path asked = i % 2 == 0 ? folder : link;
                assertThat(watched.entries(asked, ".json")).hasSize(i + 1).isEqualTo(listed(folder));
            }
            assertAnswersFromEvents(watched);
        }
    }

    @Test
    void keepsAFewFoldersAndListsTheOthersAgainWhenAsked() throws IOException {
        List<Path> folders = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            folders.add(Files.createDirectory(temp.resolve("repository-" + i)));
        }
        try (WatchedFolders watched = WatchedFolders.open(sync, DEADLINE)) {
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < folders.size(); i++) {
                    Files.writeString(folders.get(i).resolve("r" + round + ".json"), "x".repeat(i));
                    assertThat(watched.entries(folders.get(i), ".json")).hasSize(round + 1)
                            .isEqualTo(listed(folders.get(i)));
                }
            }
        }
    }

    @Test
    void hooksOfOneServerAskAtOnce() throws Exception {
        try (WatchedFolders watched = WatchedFolders.open(sync, DEADLINE)) {
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService threads = Executors.newFixedThreadPool(3);
            try {
                Future<?> writer = threads.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        replaceAtomically(folder.resolve("s" + i % 17 + ".json"), "state " + i);
                    }
                    writing.set(false);
                    return null;
                });
                List<Future<?>> readers = new ArrayList<>();
                for (int reader = 0; reader < 2; reader++) {
                    readers.add(threads.submit(() -> {
                        while (writing.get()) {
                            assertThat(watched.entries(folder, ".json")).hasSizeLessThanOrEqualTo(17);
                        }
                        return null;
                    }));
                }
                writer.get();
                for (Future<?> reader : readers) {
                    reader.get();
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(watched.entries(folder, ".json")).hasSize(17).isEqualTo(listed(folder));
        }
    }

    @Test
    void aMissingFolderHasNoEntries() {
        try (WatchedFolders watched = WatchedFolders.open(sync, DEADLINE)) {
            assertThat(watched.entries(temp.resolve("none"), ".json")).isEmpty();
            assertThat(WatchedFolders.none().entries(temp.resolve("none"), ".json")).isEmpty();
        }
    }

    @Test
    void closedItListsEntryByEntryAndLeavesNoFilesBehind() throws IOException {
        Files.createDirectories(sync);
        Files.writeString(sync.resolve("sync-7"), "");   // a killed server's question
        WatchedFolders watched = WatchedFolders.open(sync, DEADLINE);
        assertThat(sync.resolve("sync-7")).doesNotExist();
        Files.writeString(folder.resolve("a.json"), "{}");
        assertThat(watched.entries(folder, ".json")).containsOnlyKeys("a.json");
        watched.close();
        assertThat(sync).doesNotExist();
        Files.writeString(folder.resolve("b.json"), "{}");
        assertThat(watched.entries(folder, ".json")).containsOnlyKeys("a.json", "b.json").isEqualTo(listed(folder));
    }

    @Test
    void aSyncFolderThatCannotBeMadeListsEntryByEntry() throws IOException {
        Files.writeString(sync, "a file where the folder would be");
        try (WatchedFolders watched = WatchedFolders.open(sync, DEADLINE)) {
            Files.writeString(folder.resolve("a.json"), "{}");
            assertThat(watched.entries(folder, ".json")).isEqualTo(listed(folder)).containsOnlyKeys("a.json");
        }
    }

    @Test
    void aSyncFolderThatIsALinkIsNotFollowed() throws IOException {
        Path elsewhere = Files.createDirectory(temp.resolve("elsewhere"));
        Files.createSymbolicLink(sync, elsewhere);
        try (WatchedFolders watched = WatchedFolders.open(sync, DEADLINE)) {
            Files.writeString(folder.resolve("a.json"), "{}");
            assertThat(watched.entries(folder, ".json")).isEqualTo(listed(folder)).containsOnlyKeys("a.json");
            Files.writeString(folder.resolve("b.json"), "{}");
            assertThat(watched.entries(folder, ".json")).isEqualTo(listed(folder)).containsOnlyKeys("a.json", "b.json");
        }
        assertThat(sync).isSymbolicLink();
        try (var left = Files.list(elsewhere)) {
            assertThat(left).as("nothing asked through the link").isEmpty();
        }
    }

    private static Map<String, FileIdentity> listed(Path folder) {
        return WatchedFolders.none().entries(folder, ".json");
    }

    private static void replaceAtomically(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * A change made through a hard link in another folder reaches no watch of this one: a listing that still answers
     * with the file's old identity answered from its events, not from a look at the file.
     */
    private void assertAnswersFromEvents(WatchedFolders watched) throws IOException {
        Path probe = folder.resolve("probe.json");
        Files.writeString(probe, "{}");
        Map<String, FileIdentity> before = watched.entries(folder, ".json");
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere")).resolve("probe.json");
        Files.deleteIfExists(elsewhere);
        Files.createLink(elsewhere, probe);
        Files.writeString(elsewhere, "{\"changed\": true}", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertThat(listed(folder).get("probe.json")).isNotEqualTo(before.get("probe.json"));
        assertThat(watched.entries(folder, ".json").get("probe.json")).isEqualTo(before.get("probe.json"));
        Files.writeString(probe, "{}", StandardOpenOption.APPEND);
        assertThat(watched.entries(folder, ".json")).isEqualTo(listed(folder));
    }
}
