package io.entire.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessUserTest {
    @TempDir
    Path temp;

    @Test
    void whatThisProcessCreatedIsItsUsers() throws IOException {
        Path file = Files.writeString(temp.resolve("mine.txt"), "x");

        assertThat(ProcessUser.owns(file)).isTrue();
        assertThat(ProcessUser.owns(file, temp)).isTrue();
        assertThat(ProcessUser.owns(temp)).isTrue();
    }

    @Test
    void aFileGivenToAnotherUserIsNot() throws IOException {
        assumeThat(System.getProperty("user.name")).as("only root can give a file away").isEqualTo("root");
        Path file = Files.writeString(temp.resolve("theirs.txt"), "x");
        UserPrincipal nobody = file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(file, nobody);

        assertThat(ProcessUser.owns(file)).isFalse();
        assertThat(ProcessUser.owns(file, temp)).isFalse();
    }

    @Test
    void aLinkIsJudgedByItselfNotByWhatItPointsTo() throws IOException {
        assumeThat(System.getProperty("user.name")).as("only root can give a file away").isEqualTo("root");
        Path theirs = Files.writeString(temp.resolve("theirs.txt"), "x");
        Files.setOwner(theirs, theirs.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        Path link = Files.createSymbolicLink(temp.resolve("link.txt"), theirs);

        assertThat(ProcessUser.owns(link, temp)).isTrue();
        assertThat(ProcessUser.owns(link)).isFalse();
    }
}
