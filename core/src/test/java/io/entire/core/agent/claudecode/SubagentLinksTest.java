package io.entire.core.agent.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.Git;
import io.entire.core.json.JsonReader;
import io.entire.core.testing.TestRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubagentLinksTest {
    @TempDir
    Path temp;

    /** A real session (Claude Code 2.1) whose Task call's result names its agent in {@code toolUseResult}. */
    @Test
    void findsTheAgentATaskCallLaunchedInARealTranscript() {
        Git git = new Git(TestRepository.upstreamSample(temp.resolve("sample")).workTree());
        String transcript = git.run("show", "entire/checkpoints/v1:e2/775d4606d9/0/full.jsonl").text();

        assertThat(links(transcript)).containsExactly(new SubagentLink("toolu_01LY1C3Ff95ZoB66GNRDUWH1", "ab94da7",
                "1aa52c95-629c-4dc6-abf0-7b0cfe3a6b6f"));
    }

    @Test
    void readsTheAgentIdFromTheResultTextOnlyForAnAgentCall() {
        String transcript = """
                {"type":"assistant","message":{"content":[{"type":"tool_use","id":"toolu_a","name":"Agent","input":{}},\
                {"type":"tool_use","id":"toolu_b","name":"Bash","input":{"command":"echo agentId: nope"}}]}}
                {"type":"user","uuid":"u1","message":{"content":[{"type":"tool_result","tool_use_id":"toolu_a",\
                "content":[{"type":"text","text":"Done.\\nagentId: a1b2c3 (for resuming)"}]}]}}
                {"type":"user","uuid":"u2","message":{"content":[{"type":"tool_result","tool_use_id":"toolu_b",\
                "content":[{"type":"text","text":"agentId: nope"}]}]}}
                {"type":"user","uuid":"u3","toolUseResult":{"agentId":"../../etc"},"message":{"content":\
                [{"type":"tool_result","tool_use_id":"toolu_c","content":"launched"}]}}
                """;

        assertThat(links(transcript)).containsExactly(new SubagentLink("toolu_a", "a1b2c3", "u1"));
    }

    @Test
    void findsASubagentTranscriptWhereClaudeCodeWritesItOrWhereOlderVersionsDid() throws IOException {
        Path main = Files.writeString(Files.createDirectories(temp.resolve("project")).resolve("s1.jsonl"), "{}\n");
        SubagentLink link = new SubagentLink("toolu_a", "a1b2c3", "u1");
        assertThat(link.transcript(main)).isEmpty();

        Path older = Files.writeString(temp.resolve("project/agent-a1b2c3.jsonl"), "{}\n");
        assertThat(link.transcript(main)).contains(older);

        Path current = Files.writeString(Files.createDirectories(temp.resolve("project/s1/subagents"))
                .resolve("agent-a1b2c3.jsonl"), "{}\n");
        assertThat(link.transcript(main)).contains(current);
    }

    private static List<SubagentLink> links(String transcript) {
        SubagentLinks links = new SubagentLinks();
        JsonReader reader = new JsonReader();
        transcript.lines().filter(line -> !line.isBlank())
                .forEach(line -> links.accept(reader.parse(line.getBytes(StandardCharsets.UTF_8))));
        return links.links();
    }
}
