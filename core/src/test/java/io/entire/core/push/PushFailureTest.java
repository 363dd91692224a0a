package io.entire.core.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.DiagnosticEvent;
import io.entire.core.Progress;
import io.entire.core.git.Git;
import io.entire.core.git.GitRepository;
import io.entire.core.id.CheckpointId;
import io.entire.core.push.PushFailure.AuthenticationFailed;
import io.entire.core.push.PushFailure.Reason;
import io.entire.core.push.PushFailure.RefRejected;
import io.entire.core.push.PushFailure.RemoteUnreachable;
import io.entire.core.store.CompactTranscripts;
import io.entire.core.store.StoreSet;
import io.entire.core.store.WriteKind;
import io.entire.core.store.refs.CheckpointRefs;
import io.entire.core.store.v2.V2StoreTest;
import io.entire.core.testing.Sessions;
import io.entire.core.testing.TestRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a failed push of checkpoint refs tells its caller: the kind of failure, the remote or ref, and the reason. */
class PushFailureTest {
    private static final CheckpointId ID = CheckpointId.of("a3b2c4d5e6f7");

    @TempDir
    Path temp;
    GitRepository clone;

    @BeforeEach
    void setUp() {
        clone = TestRepository.withCommit(temp.resolve("clone"));
        try (StoreSet stores = stores()) {
            stores.write(ID, Sessions.content(temp.resolve("transcripts"), ID, "s1", "{\"n\":1}\n", List.of("a.txt"),
                    List.of("prompt")), WriteKind.CHECKPOINT);
        }
    }

    @Test
    void aRefTheRemotesHookDeclinesIsRejectedByAHookAndStaysQueued() throws IOException {
        Path remote = bareRemote();
        Path hook = remote.resolve("hooks/pre-receive");
        Files.writeString(hook, "#!/bin/sh\necho 'no checkpoints here' >&2\nexit 1\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwx------"));

        PushReport report = push();

        assertThat(report.unreachable()).isFalse();
        assertThat(report.failed()).singleElement().isInstanceOfSatisfying(RefRejected.class, rejected -> {
            assertThat(rejected.rejected()).isEqualTo(CheckpointRefs.refFor(ID));
            assertThat(rejected.reason()).isEqualTo(Reason.HOOK);
            assertThat(rejected.text()).startsWith(CheckpointRefs.refFor(ID).name() + ": ")
                    .contains("pre-receive hook declined");
            DiagnosticEvent event = rejected.event(Instant.EPOCH, "push");
            assertThat(event.ref()).contains(CheckpointRefs.refFor(ID).name());
            assertThat(event.message()).contains("pre-receive hook declined");
        });
        assertThat(report.queued()).isEqualTo(1);
    }

    @Test
    void aRemoteThatDoesNotAnswerIsUnreachableByName() {
        clone.git().run("remote", "add", "origin", temp.resolve("nowhere.git").toUri().toString());

        PushReport report = push();

        assertThat(report.unreachable()).isTrue();
        assertThat(report.failed()).singleElement().isInstanceOfSatisfying(RemoteUnreachable.class, unreachable -> {
            assertThat(unreachable.remote()).isEqualTo("origin");
            assertThat(unreachable.text()).startsWith("remote 'origin': listing refs failed: ");
        });
        assertThat(report.queued()).isEqualTo(1);
    }

    @Test
    void aRemoteThatRefusesOurCredentialsIsAnAuthenticationFailure() throws IOException {
        // A transport that answers as a host refusing the credentials does.
        Path transport = temp.resolve("refusing-host");
        Files.writeString(transport, "#!/bin/sh\n"
                + "echo 'fatal: Authentication failed for https://example.com/r.git' >&2\nexit 128\n");
        Files.setPosixFilePermissions(transport, PosixFilePermissions.fromString("rwx------"));
        clone.git().run("config", "protocol.ext.allow", "always");
        clone.git().run("remote", "add", "origin", "ext::" + transport);

        PushReport report = push();

        assertThat(report.unreachable()).isTrue();
        assertThat(report.failed()).singleElement().isInstanceOfSatisfying(AuthenticationFailed.class, refused -> {
            assertThat(refused.remote()).isEqualTo("origin");
            assertThat(refused.text()).contains("Authentication failed");
        });
    }

    private Path bareRemote() {
        Path remote = temp.resolve("remote.git");
        new Git(temp).run("init", "-q", "--bare", "-b", "main", remote.toString());
        clone.git().run("remote", "add", "origin", remote.toUri().toString());
        return remote;
    }

    private PushReport push() {
        try (StoreSet stores = stores()) {
            return new CheckpointPusher(clone, stores).push(clone.remote("origin"), Progress.NONE);
        }
    }

    private StoreSet stores() {
        return StoreSet.open(clone, V2StoreTest.settings(clone,
                "{\"strategy_options\": {\"checkpoint_store\": \"refs-v1\"}}"), "test",
                new PushQueue(clone.commonDir()), CompactTranscripts.NONE, 2);
    }
}
