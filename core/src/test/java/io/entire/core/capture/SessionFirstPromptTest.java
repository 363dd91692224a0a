package io.entire.core.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entire.core.Environment;
import io.entire.core.agent.Agents;
import io.entire.core.agent.LifecycleEvent;
import io.entire.core.git.Git;
import io.entire.core.git.GitRepository;
import io.entire.core.id.SessionId;
import io.entire.core.redact.RedactionRules;
import io.entire.core.session.SessionState;
import io.entire.core.session.SessionStore;
import io.entire.core.testing.TestEnvironment;
import io.entire.core.testing.TestRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session's first prompt records where the session starts (HEAD, and the files untracked then, which a rewind keeps)
 * before it answers the agent, with one git process: the agent waits for it.
 */
class SessionFirstPromptTest {
    private static final SessionId SESSION = SessionId.of("5f0c9a2e-1d3b-4c7a-9e8f-2a6b4c8d0e1f");
    private static final Pattern STARTED_COMMAND = Pattern.compile(
            "\"event\":\"start\".*?\"argv\":\\[\"git\",\"([^\"]*)\"");

    @TempDir
    Path temp;

    @Test
    void recordsHeadAndEachUntrackedFileFromOneGitProcess() throws IOException {
        Path directory = temp.resolve("repo");
        Git git = TestRepository.init(directory);
        Files.writeString(directory.resolve(".gitignore"), "*.log\n");
        Files.writeString(directory.resolve("tracked.txt"), "tracked\n");
        git.run("add", ".");
        git.run("commit", "-q", "-m", "initial");
        Files.writeString(directory.resolve("tracked.txt"), "changed\n");
        Files.createDirectories(directory.resolve("new dir/deeper"));
        Files.writeString(directory.resolve("new dir/deeper/notes 1.txt"), "notes\n");
        Files.writeString(directory.resolve("line\nbreak.txt"), "odd name\n");
        Files.writeString(directory.resolve("staged.txt"), "staged\n");
        git.run("add", "staged.txt");
        Files.writeString(directory.resolve("build.log"), "ignored\n");
        Path trace = temp.resolve("trace.json");
        GitRepository repository = traced(directory, trace);
        Files.deleteIfExists(trace);   // what opening the repository asked

        TurnStart started = recorder(repository).turnStarted(prompt(directory), SnapshotTiming.WHEN_RECORDED, Optional.empty());
        List<String> commands = gitCommands(trace);
        started.recordWorkTree();

        SessionState state = started.state();
        assertThat(state.baseCommit().hex()).isEqualTo(git.run("rev-parse", "HEAD").text().strip());
        assertThat(state.untrackedAtStart()).containsExactlyInAnyOrder("new dir/deeper/notes 1.txt",
                "line\nbreak.txt");
        assertThat(commands).as("git processes before the agent is answered").containsExactly("status");
    }

    @Test
    void aRepositoryWithoutCommitsStartsNoSession() {
        Path directory = temp.resolve("repo");
        TestRepository.init(directory);
        GitRepository repository = GitRepository.open(directory, TestEnvironment.ofThisJvm());

        assertThatThrownBy(() -> recorder(repository).turnStarted(prompt(directory), SnapshotTiming.WHEN_RECORDED, Optional.empty()))
                .isInstanceOf(CaptureException.class).hasMessageContaining("no commits yet");
        assertThat(new SessionStore(repository.commonDir(), RedactionRules.NONE).find(SESSION)).isEmpty();
    }

    private static TurnRecorder recorder(GitRepository repository) {
        return new TurnRecorder(repository, new SessionStore(repository.commonDir(), RedactionRules.NONE),
                Clock.systemUTC(), Agents.bySlug("claude-code"), RedactionRules.NONE);
    }

    private static LifecycleEvent prompt(Path directory) {
        return new LifecycleEvent(LifecycleEvent.Type.TURN_START, "UserPromptSubmit", SESSION, Optional.empty(),
                Optional.of(directory), Optional.of("Write the parser"));
    }

    /** The repository, its git processes writing git's trace2 events to {@code trace}. */
    private GitRepository traced(Path directory, Path trace) {
        Map<String, String> variables = new HashMap<>(System.getenv());
        variables.put("GIT_TRACE2_EVENT", trace.toString());
        return GitRepository.open(directory, Environment.of(variables, directory, temp));
    }

    /** The git commands the trace saw start, in order (the repository's discovery included). */
    private static List<String> gitCommands(Path trace) throws IOException {
        if (!Files.exists(trace)) {
            return List.of();
        }
        Matcher started = STARTED_COMMAND.matcher(Files.readString(trace, StandardCharsets.UTF_8));
        return started.results().map(result -> result.group(1)).toList();
    }
}
