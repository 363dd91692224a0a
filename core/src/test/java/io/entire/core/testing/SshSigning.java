package io.entire.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.entire.core.git.Git;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** ssh commit signing as a user configures it, with a real key, for tests. */
public final class SshSigning {
    private SshSigning() {
    }

    /** An ed25519 key without passphrase (nothing may wait for one); the test is skipped without ssh-keygen. */
    public static Path key(Path directory) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-keygen")), "ssh-keygen signs the commits");
        Path key = directory.resolve("key");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())
                .redirectErrorStream(true).start();
        assertThat(keygen.waitFor()).isZero();
        return key;
    }

    /** Signs with that key and verifies against it; commit.gpgSign is left to the test. */
    public static void configure(Git git, Path key) throws IOException {
        Path allowed = key.resolveSibling("allowed_signers");
        Files.writeString(allowed, "test@example.com " + Files.readString(key.resolveSibling("key.pub")));
        git.run("config", "gpg.format", "ssh");
        git.run("config", "user.signingkey", key + ".pub");
        git.run("config", "gpg.ssh.allowedSignersFile", allowed.toString());
    }
}
