package io.entire.core.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.entire.core.testing.SshSigning;
import io.entire.core.testing.TestEnvironment;
import io.entire.core.testing.TestRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user with {@code log.showSignature} set and signed commits: git log then prints signature checks on stdout before
 * the requested format, and the commands that read commits through git log must not take them for the commit.
 */
class SignedCommitsTest {
    @TempDir
    Path temp;

    @Test
    void commitsReadThroughGitLogIgnoreSignatureOutput() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-keygen")), "ssh-keygen signs the commit");
        Path key = temp.resolve("key");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())
                .redirectErrorStream(true).start();
        assertThat(keygen.waitFor()).isZero();
        Git git = TestRepository.init(temp.resolve("repo"));
        git.run("config", "gpg.format", "ssh");
        git.run("config", "user.signingkey", key + ".pub");
        git.run("config", "gpg.ssh.allowedSignersFile", "/dev/null");
        git.run("commit", "-q", "-S", "--allow-empty", "-m", "Use strings.Contains\n\nEntire-Checkpoint: a3b2c4d5e6f7");
        git.run("config", "log.showSignature", "true");
        assertThat(git.run("log", "-1", "--format=%B").text()).as("the condition this test is about")
                .doesNotStartWith("Use strings.Contains");

        GitRepository repository = GitRepository.open(temp.resolve("repo"), TestEnvironment.ofThisJvm());
        ObjectId head = ObjectId.of(git.run("rev-parse", "HEAD").text().strip());
        String message = "Use strings.Contains\n\nEntire-Checkpoint: a3b2c4d5e6f7\n";
        LogReaders.assertReadHead(repository, head, message);

        List<String> reworded = new ArrayList<>();
        assertThat(repository.rewordHead(head, old -> {
            reworded.add(old);
            return "Use strings.Contains\n";
        })).isEqualTo(RefUpdateResult.UPDATED);
        assertThat(reworded).containsExactly(message);
        assertThat(git.run("cat-file", "commit", "HEAD").text()).endsWith("\n\nUse strings.Contains")
                .as("the user's signed commit stays signed").contains("gpgsig -----BEGIN SSH SIGNATURE-----");
    }

    /**
     * attach --force rewords HEAD: a signed commit stays signed even when commit.gpgSign is off (the user signed it
     * with -S), and with commit.gpgSign on the new commit is signed as git commit --amend would sign it.
     */
    @Test
    void rewordingHeadNeverDropsASignature() throws Exception {
        Path key = SshSigning.key(temp);
        Git git = TestRepository.init(temp.resolve("repo"));
        SshSigning.configure(git, key);
        git.run("commit", "-q", "-S", "--allow-empty", "-m", "Use strings.Contains");
        GitRepository repository = GitRepository.open(temp.resolve("repo"), TestEnvironment.ofThisJvm());

        ObjectId signedHead = ObjectId.of(git.run("rev-parse", "HEAD").text().strip());
        assertThat(repository.rewordHead(signedHead, old -> old + "\nEntire-Checkpoint: a3b2c4d5e6f7\n"))
                .isEqualTo(RefUpdateResult.UPDATED);
        assertThat(git.tryRun(List.of("verify-commit", "HEAD"), null).succeeded()).as("signed, by the user's key")
                .isTrue();

        git.run("commit", "-q", "--no-gpg-sign", "--allow-empty", "-m", "unsigned");
        ObjectId unsignedHead = ObjectId.of(git.run("rev-parse", "HEAD").text().strip());
        repository.rewordHead(unsignedHead, old -> old + "\nEntire-Checkpoint: b3b2c4d5e6f7\n");
        assertThat(git.run("cat-file", "commit", "HEAD").text()).as("commit.gpgSign off: as git commit --amend")
                .doesNotContain("gpgsig");

        git.run("config", "commit.gpgsign", "true");
        ObjectId head = ObjectId.of(git.run("rev-parse", "HEAD").text().strip());
        repository.rewordHead(head, old -> old + "\nEntire-Checkpoint: c3b2c4d5e6f7\n");
        assertThat(git.tryRun(List.of("verify-commit", "HEAD"), null).succeeded()).as("commit.gpgSign on").isTrue();
    }

    @Test
    void aSignedHeadThatCannotBeSignedAgainIsLeftAlone() throws Exception {
        Path key = SshSigning.key(temp);
        Git git = TestRepository.init(temp.resolve("repo"));
        SshSigning.configure(git, key);
        git.run("commit", "-q", "-S", "--allow-empty", "-m", "Use strings.Contains");
        git.run("config", "user.signingkey", temp.resolve("no-such-key.pub").toString());
        GitRepository repository = GitRepository.open(temp.resolve("repo"), TestEnvironment.ofThisJvm());
        String before = git.run("rev-parse", "HEAD").text().strip();

        assertThatThrownBy(() -> repository.rewordHead(ObjectId.of(before), old -> old + "\nEntire-Checkpoint: "
                + "a3b2c4d5e6f7\n")).isInstanceOf(SigningException.class)
                .hasMessageStartingWith("cannot sign commits with the configured signing key: ");
        assertThat(git.run("rev-parse", "HEAD").text().strip()).isEqualTo(before);
    }
}
