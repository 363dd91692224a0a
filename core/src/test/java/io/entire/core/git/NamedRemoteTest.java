package io.entire.core.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entire.core.testing.TestRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A remote named on the command line is taken as git takes it: a configured name, a URL, an scp address, a path. */
class NamedRemoteTest {
    @TempDir
    Path temp;

    @Test
    void namesUrlsScpAddressesAndPathsAreRemotesAndAnythingElseIsNot() throws IOException {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        Files.createDirectories(temp.resolve("backup.git"));

        assertThatThrownBy(() -> repository.namedRemote("origin", temp)).isInstanceOf(UnknownRemoteException.class)
                .hasMessage("no remote named 'origin' and no repository at that path; this repository has no remotes"
                        + " ('git remote add <name> <url>' adds one)");
        repository.git().run("remote", "add", "origin", "https://example.com/project.git");

        assertThat(repository.namedRemote("origin", temp).name()).isEqualTo("origin");
        assertThat(repository.namedRemote("https://example.com/other.git", temp).name())
                .isEqualTo("https://example.com/other.git");
        assertThat(repository.namedRemote("git@example.com:team/project.git", temp).name())
                .isEqualTo("git@example.com:team/project.git");
        assertThat(repository.namedRemote("backup.git", temp).name()).isEqualTo("backup.git");
        assertThat(repository.namedRemote(temp.resolve("backup.git").toString(), temp).name())
                .isEqualTo(temp.resolve("backup.git").toString());
        for (String unknown : new String[] {"upstream", "./nowhere.git", "-x", "dir/with:colon"}) {
            assertThatThrownBy(() -> repository.namedRemote(unknown, temp)).as(unknown)
                    .isInstanceOf(UnknownRemoteException.class)
                    .hasMessageEndingWith("'git remote -v' lists this repository's remotes");
        }
    }
}
