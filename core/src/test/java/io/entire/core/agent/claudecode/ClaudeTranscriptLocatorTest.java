package io.entire.core.agent.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.Environment;
import io.entire.core.agent.PastSession;
import io.entire.core.id.SessionId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaudeTranscriptLocatorTest {
    private static final SessionId SESSION = SessionId.of("75c838dd-10e3-40cf-8df3-17f9955149f8");

    private final ClaudeTranscriptLocator locator = new ClaudeTranscriptLocator();

    @TempDir
    Path temp;

    @Test
    void sanitizeReplacesEveryNonAlphanumericCharacter() {
        assertThat(ClaudeTranscriptLocator.sanitize(Path.of("/Users/paul/src/entireio/20260205-cli")))
                .isEqualTo("-Users-paul-src-entireio-20260205-cli");
        assertThat(ClaudeTranscriptLocator.sanitize(Path.of("/home/a.b_c/ü x"))).isEqualTo("-home-a-b-c---x");
    }

    @Test
    void findsTheTranscriptInTheRepositorysProjectFolder() throws IOException {
        Path repo = Files.createDirectories(temp.resolve("work/my.repo"));
        Path config = temp.resolve("claude-config");
        Path expected = transcript(config, ClaudeTranscriptLocator.sanitize(repo));
        transcript(config, "-some-other-project");

        assertThat(locator.find(SESSION, repo, configuredIn(config)))
                .contains(expected);
    }

    @Test
    void thePastSessionsOfARepositoryAreTheTranscriptsInItsProjectFolderOnly() throws IOException {
        Path repo = Files.createDirectories(temp.resolve("work/my.repo"));
        Path config = temp.resolve("claude-config");
        Path expected = transcript(config, ClaudeTranscriptLocator.sanitize(repo));
        Path folder = expected.getParent();
        Files.writeString(folder.resolve("not a session id.jsonl"), "{}\n");
        Files.createDirectories(folder.resolve(SESSION.value()).resolve("subagents"));
        transcript(config, "-some-other-project");

        assertThat(locator.pastSessions(repo, configuredIn(config))).containsExactly(new PastSession(SESSION,
                expected));
        assertThat(locator.pastSessions(temp.resolve("elsewhere"), configuredIn(config))).isEmpty();
    }

    @Test
    void defaultsToDotClaudeInHome() throws IOException {
        Path repo = Files.createDirectories(temp.resolve("repo"));
        Path home = temp.resolve("home");
        Path expected = transcript(home.resolve(".claude"), ClaudeTranscriptLocator.sanitize(repo));

        assertThat(locator.find(SESSION, repo, homeAt(home))).contains(expected);
    }

    @Test
    void findsTheFolderNamedAfterTheResolvedPath() throws IOException {
        Path repo = Files.createDirectories(temp.resolve("real-repo"));
        Path link = Files.createSymbolicLink(temp.resolve("linked-repo"), repo);
        Path config = temp.resolve("config");
        Path expected = transcript(config, ClaudeTranscriptLocator.sanitize(repo.toRealPath()));

        assertThat(locator.find(SESSION, link, configuredIn(config)))
                .contains(expected);
    }

    @Test
    void fallsBackToAnyOtherProjectFolder() throws IOException {
        Path repo = Files.createDirectories(temp.resolve("repo"));
        Path config = temp.resolve("config");
        Files.createDirectories(config.resolve("projects").resolve(ClaudeTranscriptLocator.sanitize(repo)));
        Path expected = transcript(config, "-started-in-a-subdirectory");

        assertThat(locator.find(SESSION, repo, configuredIn(config)))
                .contains(expected);
    }

    @Test
    void doesNotSearchDeeperThanOneLevel() throws IOException {
        Path repo = Files.createDirectories(temp.resolve("repo"));
        Path config = temp.resolve("config");
        transcript(config, "-project/nested");

        assertThat(locator.find(SESSION, repo, configuredIn(config)))
                .isEmpty();
    }

    @Test
    void missingTranscriptOrConfigIsEmpty() throws IOException {
        Path repo = Files.createDirectories(temp.resolve("repo"));
        Path config = temp.resolve("config");

        assertThat(locator.find(SESSION, repo, configuredIn(config)))
                .isEmpty();
        transcript(config, "-elsewhere").getParent().resolve("other.jsonl");
        assertThat(locator.find(SessionId.of("not-there"), repo,
                configuredIn(config))).isEmpty();
    }

    private static Path transcript(Path config, String folder) throws IOException {
        Path directory = Files.createDirectories(config.resolve("projects").resolve(folder));
        return Files.writeString(directory.resolve(SESSION.value() + ".jsonl"), "{}\n");
    }

    private Environment configuredIn(Path config) {
        return environment(Map.of("CLAUDE_CONFIG_DIR", config.toString()));
    }

    private Environment homeAt(Path home) {
        return environment(Map.of("HOME", home.toString()));
    }

    /** An environment with {@code variables} only, whose home (without {@code HOME}) holds no Claude Code folder. */
    private Environment environment(Map<String, String> variables) {
        return Environment.of(variables, temp, temp.resolve("no-home"));
    }
}
