package io.entire.core.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.agent.Agents;
import io.entire.core.git.Git;
import io.entire.core.git.GitRepository;
import io.entire.core.git.ObjectId;
import io.entire.core.id.CheckpointId;
import io.entire.core.id.SessionId;
import io.entire.core.model.TokenUsage;
import io.entire.core.redact.RedactionRules;
import io.entire.core.session.FileSnapshot;
import io.entire.core.session.SessionState;
import io.entire.core.session.SessionStore;
import io.entire.core.session.Step;
import io.entire.core.settings.CommitLinking;
import io.entire.core.testing.TestEnvironment;
import io.entire.core.testing.TestRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** prepare-commit-msg and commit-msg decisions, with a hand-written terminal standing in for the person. */
class CommitLinkerTest {
    private static final SessionId SESSION = SessionId.of("75c838dd-10e3-40cf-8df3-17f9955149f8");
    private static final CheckpointId ID = CheckpointId.of("a3b2c4d5e6f7");
    private static final Instant NOW = Instant.parse("2026-02-06T05:12:45Z");

    @TempDir
    Path temp;
    Path directory;
    Git git;
    GitRepository repository;
    SessionStore sessions;
    CommitLinker linker;
    Path message;
    List<String> questions = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        directory = temp.resolve("repo");
        git = TestRepository.init(directory);
        Files.writeString(directory.resolve("existing.txt"), "old\n");
        git.run("add", ".");
        git.run("commit", "-q", "-m", "initial");
        repository = GitRepository.open(directory, TestEnvironment.ofThisJvm());
        sessions = new SessionStore(repository.commonDir(), RedactionRules.NONE);
        linker = new CommitLinker(repository, sessions, Clock.fixed(NOW, ZoneOffset.UTC));
        message = directory.resolve(".git/COMMIT_EDITMSG");
        Files.writeString(directory.resolve("new.txt"), "agent\n");
        Files.writeString(directory.resolve("existing.txt"), "agent edit\n");
        ObjectId agentBlob = ObjectId.of(git.run("hash-object", "new.txt").text());
        Step step = new Step(1, NOW, List.of(new FileSnapshot("new.txt", Optional.of(agentBlob)),
                new FileSnapshot("existing.txt", Optional.of(ObjectId.of(git.run("hash-object", "existing.txt")
                        .text())))), List.of("Write new.txt"), TokenUsage.ZERO, 5);
        sessions.save(SessionState.start(SESSION, Agents.bySlug("claude-code"), directory, "",
                repository.findCommit("HEAD").orElseThrow(), Optional.empty(), List.of(), NOW)
                .startTurn(Optional.of("Write new.txt"), 0, Optional.empty(), NOW)
                .endTurn(Optional.of(step), Optional.empty(), NOW));
    }

    @Test
    void aMessageCommitOnATerminalAsksAndAlwaysIsRemembered() throws IOException {
        git.run("add", "new.txt");
        Files.writeString(message, "Add new\n");

        LinkResult result = prepare(CommitSource.MESSAGE, Interaction.TERMINAL, LinkAnswer.ALWAYS);

        assertThat(questions).containsExactly("Link this commit to Claude Code session context? | Last prompt: Write"
                + " new.txt");
        assertThat(result.outcome()).isEqualTo(LinkOutcome.LINKED);
        assertThat(Files.readString(message)).isEqualTo("Add new\n\nEntire-Checkpoint: " + ID + "\n");
        linker.markPending(result);
        assertThat(sessions.find(SESSION).orElseThrow().pendingCheckpoint()).contains(ID);
        assertThat(CommitLinking.load(directory)).isEqualTo(CommitLinking.ALWAYS);
        assertThat(Files.readString(directory.resolve(".entire/settings.local.json")))
                .contains("\"commit_linking\": \"always\"");
    }

    @Test
    void noLeavesTheMessageAlone() throws IOException {
        git.run("add", "new.txt");
        Files.writeString(message, "Add new\n");

        assertThat(prepare(CommitSource.MESSAGE, Interaction.TERMINAL, LinkAnswer.NO).outcome())
                .isEqualTo(LinkOutcome.DECLINED);
        assertThat(Files.readString(message)).isEqualTo("Add new\n");
    }

    @Test
    void withoutATerminalItLinksWithoutAsking() throws IOException {
        git.run("add", "existing.txt");
        Files.writeString(message, "Edit\n\nSigned-off-by: T <t@e>\n");

        assertThat(prepare(CommitSource.MESSAGE, Interaction.NONE, LinkAnswer.NO).outcome())
                .isEqualTo(LinkOutcome.LINKED);
        assertThat(questions).isEmpty();
        assertThat(Files.readString(message)).as("into the existing trailer block")
                .isEqualTo("Edit\n\nSigned-off-by: T <t@e>\nEntire-Checkpoint: " + ID + "\n");
    }

    @Test
    void theEditorFlowExplainsTheTrailerInAComment() throws IOException {
        git.run("add", "new.txt");
        Files.writeString(message, "\n# Please enter the commit message for your changes.\n#\n"
                + "# ------------------------ >8 ------------------------\ndiff --git a/new.txt b/new.txt\n");

        assertThat(prepare(CommitSource.EDITOR, Interaction.TERMINAL, LinkAnswer.NO).outcome())
                .isEqualTo(LinkOutcome.LINKED);
        assertThat(questions).isEmpty();
        assertThat(Files.readString(message)).isEqualTo("\n\nEntire-Checkpoint: " + ID + "\n"
                + String.join("\n", CommitMessage.EDITOR_NOTE) + "\n"
                + "\n# Please enter the commit message for your changes.\n#\n"
                + "# ------------------------ >8 ------------------------\ndiff --git a/new.txt b/new.txt\n");

        assertThat(linker.removeLonelyTrailer(message)).as("nothing typed: git must still abort").isTrue();
        assertThat(Files.readString(message)).as("the shorter message leaves nothing of the longer one")
                .isEqualTo("\n\n\n# Please enter the commit message for your changes.\n#\n"
                + "# ------------------------ >8 ------------------------\ndiff --git a/new.txt b/new.txt\n");
    }

    @Test
    void aNewFileWhoseContentWasReplacedIsNotTheAgentsWork() throws IOException {
        Files.writeString(directory.resolve("new.txt"), "entirely my own\n");
        git.run("add", "new.txt");
        Files.writeString(message, "Mine\n");

        assertThat(prepare(CommitSource.MESSAGE, Interaction.NONE, LinkAnswer.YES).outcome())
                .isEqualTo(LinkOutcome.NO_OVERLAP);
        assertThat(Files.readString(message)).isEqualTo("Mine\n");
    }

    @Test
    void mergesSquashesAmendsAndRebasesAreLeftAlone() throws IOException {
        git.run("add", "new.txt");
        Files.writeString(message, "Merge branch 'x'\n");
        for (CommitSource source : List.of(CommitSource.MERGE, CommitSource.SQUASH, CommitSource.COMMIT)) {
            assertThat(prepare(source, Interaction.NONE, LinkAnswer.YES).outcome()).isEqualTo(
                    LinkOutcome.SKIPPED_SOURCE);
        }
        Files.createDirectories(repository.gitDir().resolve("rebase-merge"));
        assertThat(prepare(CommitSource.MESSAGE, Interaction.NONE, LinkAnswer.YES).outcome())
                .isEqualTo(LinkOutcome.SKIPPED_OPERATION);
        assertThat(Files.readString(message)).isEqualTo("Merge branch 'x'\n");
    }

    @Test
    void aMessageWithContentKeepsItsTrailerAtCommitMsg() throws IOException {
        Files.writeString(message, "Real subject\n\nEntire-Checkpoint: " + ID + "\n# comment\n");
        assertThat(linker.removeLonelyTrailer(message)).isFalse();
        assertThat(Files.readString(message)).contains("Entire-Checkpoint: " + ID);
    }

    private LinkResult prepare(CommitSource source, Interaction interaction, LinkAnswer answer) {
        return linker.prepare(message, source, linker.stagedChanges(source), interaction,
                CommitLinking.load(directory), (question, context) -> {
                    questions.add(question + " | " + context);
                    return answer;
                }, () -> ID);
    }
}
