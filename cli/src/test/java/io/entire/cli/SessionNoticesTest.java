package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.id.SessionId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionNoticesTest {
    private static final SessionId SESSION = SessionId.of("75c838dd-10e3-40cf-8df3-17f9955149f8");

    @TempDir
    Path temp;

    @Test
    void aNoticeIsToldOnceAndRecordedOwnerOnly() throws IOException {
        Path commonDir = Files.createDirectories(temp.resolve(".git"));
        SessionNotices notices = new SessionNotices(commonDir, SESSION);

        assertThat(notices.firstTime("no commit yet")).isTrue();
        assertThat(notices.firstTime("no commit yet")).isFalse();
        Path file = commonDir.resolve(SessionNotices.DIRECTORY).resolve(SESSION.value() + ".txt");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aLinkedNoticesFolderIsNeverWrittenThroughAndTheNoticeIsStillTold() throws IOException {
        Path commonDir = Files.createDirectories(temp.resolve(".git"));
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Files.createSymbolicLink(commonDir.resolve(SessionNotices.DIRECTORY), elsewhere);
        SessionNotices notices = new SessionNotices(commonDir, SESSION);

        assertThat(notices.firstTime("no commit yet")).isTrue();
        assertThat(notices.firstTime("no commit yet")).isTrue();
        assertThat(elsewhere).isEmptyDirectory();
    }
}
