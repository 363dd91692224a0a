package io.entire.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.Git;
import io.entire.core.git.GitRepository;
import io.entire.core.settings.CheckpointRemoteSetting;
import io.entire.core.testing.TestRepository;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which remote checkpoints go to, from the setting and the code remote's URL; nothing here reaches a remote. */
class CheckpointRemotesTest {
    @TempDir
    Path temp;

    @Test
    void withoutASettingTheCodeRemoteHoldsTheCheckpoints() {
        GitRepository repository = repository("git@github.com:acme/app.git");

        CheckpointDestination destination = new CheckpointRemotes(repository, Optional.empty())
                .forCodeRemote(repository.remote("origin"));

        assertThat(destination.remote().name()).isEqualTo("origin");
        assertThat(destination.separate()).isFalse();
    }

    @Test
    void aForgeRepositorySpeaksTheCodeRemotesProtocol() {
        CheckpointRemoteSetting forge = new CheckpointRemoteSetting(Optional.of("github"), "acme/app-checkpoints");
        GitRepository ssh = repository("git@github.com:acme/app.git");
        GitRepository https = TestRepository.withCommit(temp.resolve("https"));
        new Git(https.workTree()).run("remote", "add", "origin", "https://github.com/acme/app.git");

        assertThat(new CheckpointRemotes(ssh, Optional.of(forge)).forCodeRemote(ssh.remote("origin")).remote().name())
                .isEqualTo("git@github.com:acme/app-checkpoints.git");
        assertThat(new CheckpointRemotes(https, Optional.of(forge)).forCodeRemote(https.remote("origin")).remote()
                .name()).isEqualTo("https://github.com/acme/app-checkpoints.git");
    }

    @Test
    void aSettingInheritedFromTheProjectAForkWasMadeOfIsIgnoredWithAWarning() {
        GitRepository fork = repository("https://github.com/contributor/app.git");
        CheckpointRemoteSetting upstream = new CheckpointRemoteSetting(Optional.of("github"), "acme/app-checkpoints");

        CheckpointDestination destination = new CheckpointRemotes(fork, Optional.of(upstream))
                .forCodeRemote(fork.remote("origin"));

        assertThat(destination.remote().name()).isEqualTo("origin");
        assertThat(destination.separate()).isFalse();
        assertThat(destination.warning()).get().asString()
                .contains("strategy_options.checkpoint_remote", "acme", "contributor", "ignored");
    }

    @Test
    void aUrlOrARemoteNameIsUsedAsItIs() {
        GitRepository repository = repository("ssh://git@git.example.com:2222/acme/app.git");
        new Git(repository.workTree()).run("remote", "add", "transcripts", "git@git.example.com:acme/transcripts.git");

        CheckpointDestination named = new CheckpointRemotes(repository,
                Optional.of(CheckpointRemoteSetting.of("transcripts"))).forCodeRemote(repository.remote("origin"));
        CheckpointDestination url = new CheckpointRemotes(repository,
                Optional.of(CheckpointRemoteSetting.of("file:///srv/transcripts.git")))
                .forCodeRemote(repository.remote("origin"));

        assertThat(named.remote().name()).isEqualTo("transcripts");
        assertThat(named.separate()).isTrue();
        assertThat(named.warning()).isEmpty();
        assertThat(url.remote().name()).isEqualTo("file:///srv/transcripts.git");
        assertThat(url.separate()).isTrue();
    }

    private GitRepository repository(String originUrl) {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        new Git(repository.workTree()).run("remote", "add", "origin", originUrl);
        return repository;
    }
}
