package io.entire.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scratch folders: what a killed process left is removed at the next open, what a live one uses is kept. */
class ScratchSpaceTest {
    @TempDir
    Path temp;

    @Test
    void theFolderOfAKilledWriterIsRemovedAtTheNextOpen() throws Exception {
        Path root = temp.resolve("entire-tmp");
        ScratchHolder.Holder killed = ScratchHolder.start(root);
        killed.kill();
        assertThat(killed.directory().resolve("transcript.jsonl")).as("left behind").exists();

        try (ScratchSpace space = ScratchSpace.open(root)) {
            assertThat(killed.directory()).doesNotExist();
            assertThat(entries(root)).containsExactlyInAnyOrder(space.directory().getFileName().toString(),
                    space.directory().getFileName() + ".lock");
        }
        assertThat(entries(root)).isEmpty();
    }

    @Test
    void theFolderOfAWriterStillRunningIsKept() throws Exception {
        Path root = temp.resolve("entire-tmp");
        ScratchHolder.Holder live = ScratchHolder.start(root);
        try {
            try (ScratchSpace inThisJvm = ScratchSpace.open(root); ScratchSpace next = ScratchSpace.open(root)) {
                assertThat(live.directory().resolve("transcript.jsonl")).as("another process's").exists();
                assertThat(inThisJvm.directory()).as("this JVM's").exists();
                assertThat(next.directory()).exists();
            }
            assertThat(live.directory().resolve("transcript.jsonl")).exists();
        } finally {
            live.kill();
        }
    }

    @Test
    void looseFilesGoOnlyOnceTheyAreOld() throws IOException {
        Path root = Files.createDirectories(temp.resolve("entire-tmp"));
        Path stale = Files.writeString(root.resolve("transcript0123456789abcdef.jsonl"), "{}\n");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(ScratchSpace.LOOSE_FILE_AGE)
                .minusSeconds(60)));
        Path fresh = Files.writeString(root.resolve("blob0123456789abcdef.tmp"), "blob");

        try (ScratchSpace space = ScratchSpace.open(root)) {
            assertThat(stale).doesNotExist();
            assertThat(fresh).exists();
        }
    }

    @Test
    void writersOpeningAtOnceEachKeepTheirOwnFolderAndClearTheDeadOnesOnce() throws Exception {
        Path root = temp.resolve("entire-tmp");
        List<Path> dead = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ScratchHolder.Holder killed = ScratchHolder.start(root);
            killed.kill();
            dead.add(killed.directory());
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Path>> opened = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                opened.add(threads.submit(() -> {
                    try (ScratchSpace space = ScratchSpace.open(root)) {
                        Path file = Files.writeString(space.directory().resolve("compact.jsonl"), "{}\n");
                        ScratchSpace.removeLeftovers(root, Instant.now());
                        assertThat(file).as("not removed by another writer's sweep").exists();
                        return space.directory();
                    }
                }));
            }
            for (Future<Path> space : opened) {
                assertThat(space.get()).doesNotExist();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(dead).allSatisfy(directory -> assertThat(directory).doesNotExist());
        assertThat(entries(root)).isEmpty();
    }

    private static List<String> entries(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }
}
