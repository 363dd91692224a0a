package io.entire.core.recover;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.Environment;
import io.entire.core.agent.claudecode.ClaudeCode;
import io.entire.core.agent.claudecode.ClaudeTranscriptLocator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptRelocationTest {
    @TempDir
    Path temp;

    @Test
    void rewritesTheOldWorkTreeButNeverALongerName() throws IOException {
        Path source = Files.writeString(temp.resolve("in.jsonl"),
                "{\"cwd\":\"/home/alice/repo\",\"file_path\":\"/home/alice/repo/src/a.java\"}\n"
                        + "{\"command\":\"cd /home/alice/repo && ls /home/alice/repo2 /home/alice/repo.old\"}\n");
        Path target = temp.resolve("out.jsonl");

        TranscriptRelocation.rewrite(source, target, Path.of("/home/alice/repo"), Path.of("/srv/bob/clone"), List.of());

        assertThat(Files.readString(target)).isEqualTo(
                "{\"cwd\":\"/srv/bob/clone\",\"file_path\":\"/srv/bob/clone/src/a.java\"}\n"
                        + "{\"command\":\"cd /srv/bob/clone && ls /home/alice/repo2 /home/alice/repo.old\"}\n");
    }

    /**
     * Claude Code 2.1.332 keeps its system prompt in the transcript ({@code prompt_snapshot}) and resumes with it; its
     * memory folder, under the first machine's config folder and named after the first clone, becomes this clone's.
     */
    @Test
    void claudeCodesMemoryFolderFollowsTheTranscriptIntoTheClone() throws IOException {
        Path source = Files.writeString(temp.resolve("in.jsonl"), "{\"cwd\":\"/home/alice/repo\",\"attachment\":{"
                + "\"type\":\"prompt_snapshot\",\"systemPrompt\":[\"# Memory\\n\\nYou have a persistent file-based"
                + " memory at `/home/alice/.claude/projects/-home-alice-repo/memory/`. This directory already exists\","
                + "\"see /home/alice/.claude/projects/-home-alice-repo2/memory/ and\\n"
                + "/c/projects/-home-alice-repo/memory\"]}}\n");
        Path target = temp.resolve("out.jsonl");
        Path clone = Files.createDirectories(temp.resolve("bob/clone")).toRealPath();
        Environment bob = Environment.of(Map.of("CLAUDE_CONFIG_DIR", "/srv/bob/claude"), clone, Path.of("/srv/bob"));

        TranscriptRelocation.rewrite(source, target, Path.of("/home/alice/repo"), clone,
                new ClaudeCode().transcriptLocator().relocations(Path.of("/home/alice/repo"), clone, bob));

        String memory = "/srv/bob/claude/projects/" + ClaudeTranscriptLocator.sanitize(clone) + "/memory";
        assertThat(Files.readString(target)).isEqualTo("{\"cwd\":\"" + clone + "\",\"attachment\":{"
                + "\"type\":\"prompt_snapshot\",\"systemPrompt\":[\"# Memory\\n\\nYou have a persistent file-based"
                + " memory at `" + memory + "/`. This directory already exists\","
                + "\"see /home/alice/.claude/projects/-home-alice-repo2/memory/ and\\n" + memory + "\"]}}\n");
    }

    @Test
    void theOriginalWorkTreeIsTheFolderAboveASubdirectoryTheAgentWasStartedIn() throws IOException {
        Path transcript = Files.writeString(temp.resolve("in.jsonl"),
                "{\"cwd\":\"/home/alice/repo/src\"}\n"
                        + "{\"file_path\":\"/home/alice/repo/src/lexer.txt\"}\n");

        assertThat(TranscriptRelocation.originalWorkTree(transcript, Path.of("/home/alice/repo/src"),
                List.of("README.md", "src/lexer.txt"))).isEqualTo(Path.of("/home/alice/repo"));
        assertThat(TranscriptRelocation.originalWorkTree(transcript, Path.of("/home/alice/repo/src"), List.of()))
                .as("nothing to tell by: the folder it was started in").isEqualTo(Path.of("/home/alice/repo/src"));
    }

    @Test
    void anAgentStartedAtTheTopIsThere() throws IOException {
        Path transcript = Files.writeString(temp.resolve("in.jsonl"),
                "{\"cwd\":\"/home/alice/repo\",\"file_path\":\"/home/alice/repo/lexer.txt\"}\n");

        assertThat(TranscriptRelocation.originalWorkTree(transcript, Path.of("/home/alice/repo"),
                List.of("lexer.txt"))).isEqualTo(Path.of("/home/alice/repo"));
    }
}
