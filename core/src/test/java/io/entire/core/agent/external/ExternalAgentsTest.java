package io.entire.core.agent.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.entire.core.Environment;
import io.entire.core.agent.Agent;
import io.entire.core.agent.Agents;
import io.entire.core.agent.AgentSettingsHooks;
import io.entire.core.agent.DiscoveredAgent;
import io.entire.core.agent.ExistingHooks;
import io.entire.core.agent.InvalidHookPayloadException;
import io.entire.core.agent.LifecycleEvent;
import io.entire.core.agent.TranscriptAcceptance;
import io.entire.core.agent.TranscriptAnalysis;
import io.entire.core.agent.TranscriptFormat;
import io.entire.core.agent.TranscriptPass;
import io.entire.core.id.SessionId;
import io.entire.core.json.JsonReader;
import io.entire.core.model.TokenUsage;
import io.entire.core.testing.TestRepository;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test agent of testdata/agents/external, a node script, found on PATH and driven over the Go protocol. */
class ExternalAgentsTest {
    private static final Path JOTTER = TestRepository.FIXTURES.resolve("agents/external/entire-agent-jotter");

    @TempDir
    Path temp;
    private Path bin;
    private Path home;
    private Path repo;
    private Path calls;
    private Environment environment;

    @BeforeEach
    void installJotter() throws IOException {
        bin = Files.createDirectories(temp.resolve("bin"));
        home = Files.createDirectories(temp.resolve("home"));
        repo = Files.createDirectories(temp.resolve("repo")).toRealPath();
        calls = temp.resolve("calls.txt");
        executable(bin.resolve("entire-agent-jotter"), Files.readString(JOTTER));
        environment = Environment.of(Map.of("PATH", bin + ":" + System.getenv("PATH"), "HOME", home.toString(),
                "JOTTER_CALLS", calls.toString()), repo, home);
    }

    @Test
    void aBinaryOnPathIsAnAgentNamedByItsInfo() {
        Agent agent = Agents.bySlug("jotter", environment);

        assertThat(agent.slug()).isEqualTo("jotter");
        assertThat(agent.displayName()).isEqualTo("Jotter");
        assertThat(((ExternalAgent) agent).info().declares("token_calculator")).isTrue();
        assertThat(agent.resumeCommand(SessionId.of("s-1"))).isEqualTo("jotter --resume s-1");
    }

    @Test
    void aBuiltInNameIsNeverExecutedAndAnUnknownNameIsNotFound() throws IOException {
        Path ran = temp.resolve("ran");
        executable(bin.resolve("entire-agent-claude-code"), "#!/bin/sh\ntouch '" + ran + "'\n");

        assertThat(Agents.bySlug("claude-code", environment).displayName()).isEqualTo("Claude Code");
        assertThat(Agents.external(environment)).extracting(DiscoveredAgent::slug).containsExactly("jotter");
        assertThat(ran).doesNotExist();
        assertThat(Agents.find("nobody", environment)).isEmpty();
        assertThat(Agents.find("../bin/entire-agent-jotter", environment)).isEmpty();
    }

    @Test
    void aBinaryThatCannotBeUsedIsListedWithWhyAndNamedWhenAskedFor() throws IOException {
        executable(bin.resolve("entire-agent-future"), "#!/bin/sh\necho '{\"protocol_version\":2,\"name\":\"future\","
                + "\"type\":\"Future\"}'\n");
        executable(bin.resolve("entire-agent-broken"), "#!/bin/sh\necho 'no such thing' >&2\nexit 4\n");
        Files.writeString(bin.resolve("entire-agent-plain"), "#!/bin/sh\n");

        assertThat(Agents.external(environment)).extracting(DiscoveredAgent::slug, DiscoveredAgent::problem)
                .containsExactlyInAnyOrder(
                        tuple("jotter", ""),
                        tuple("future", "speaks protocol version 2, this version speaks 1"),
                        tuple("broken", "info exited with 4: no such thing"),
                        tuple("plain", "not executable"));
        assertThatThrownBy(() -> Agents.bySlug("future", environment)).isInstanceOf(ExternalAgentException.class)
                .hasMessageContaining("entire-agent-future").hasMessageContaining("protocol version 2");
    }

    @Test
    void hookPayloadsBecomeLifecycleEventsThroughParseHook() {
        Agent agent = Agents.bySlug("jotter", environment);
        Path transcript = home.resolve(".jotter/sessions/s-1.jsonl");

        LifecycleEvent start = agent.parseHook("prompt", payload("{\"session\":\"s-1\",\"transcript\":\""
                + transcript + "\",\"prompt\":\"Write a.txt\"}"));
        LifecycleEvent end = agent.parseHook("done", payload("{\"session\":\"s-1\",\"transcript\":\"" + transcript
                + "\"}"));

        assertThat(start.type()).isEqualTo(LifecycleEvent.Type.TURN_START);
        assertThat(start.sessionId()).isEqualTo(SessionId.of("s-1"));
        assertThat(start.prompt()).contains("Write a.txt");
        assertThat(start.transcript()).contains(transcript);
        assertThat(end.type()).isEqualTo(LifecycleEvent.Type.TURN_END);
        assertThat(end.prompt()).isEmpty();
        assertThatThrownBy(() -> agent.parseHook("tick", payload("{}")))
                .isInstanceOf(InvalidHookPayloadException.class).hasMessageContaining("no lifecycle event");
        assertThatThrownBy(() -> agent.parseHook("prompt", payload("{\"transcript\":\"/x\"}")))
                .isInstanceOf(InvalidHookPayloadException.class);
    }

    @Test
    void theBinaryInstallsChecksAndRemovesItsHooks() {
        AgentSettingsHooks hooks = Agents.bySlug("jotter", environment).settingsHooks(repo, environment);

        assertThat(hooks.installed()).isFalse();
        assertThat(hooks.install("entire", ExistingHooks.KEEP).added()).isEqualTo(4);
        assertThat(repo.resolve(".jotter/hooks.json")).exists();
        assertThat(hooks.installed()).isTrue();
        assertThat(hooks.install("entire", ExistingHooks.KEEP).added()).isZero();
        assertThat(hooks.install("entire", ExistingHooks.REPLACE).added()).isEqualTo(4);
        assertThat(hooks.uninstall()).isEqualTo(1);
        assertThat(repo.resolve(".jotter/hooks.json")).doesNotExist();
        assertThat(hooks.uninstall()).isZero();
    }

    @Test
    void aTranscriptPartIsAnalyzedByTheBinaryWithPathsRelativeToTheWorkTree() throws IOException {
        Agent agent = Agents.bySlug("jotter", environment);
        Path transcript = Files.createDirectories(home.resolve(".jotter/sessions")).resolve("s-1.jsonl");
        Files.writeString(transcript, """
                {"role":"user","text":"Write a.txt"}
                {"role":"assistant","write":"%s","usage":{"input":100,"output":20}}
                {"role":"user","text":"Now b.txt"}
                {"role":"assistant","write":"b.txt","usage":{"input":200,"output":30,"cache_read":50}}
                {"role":"assistant","write":"b.txt","usage":{"input":10,"output":1}}
                """.formatted(repo.resolve("a.txt")));
        TranscriptFormat format = agent.transcriptFormat();

        TranscriptAnalysis whole = format.analyze(transcript, format.position(0), repo);
        TranscriptAnalysis second = format.analyze(transcript, format.position(2), repo);

        assertThat(format.end(transcript)).isEqualTo(format.position(5));
        assertThat(whole.prompts()).containsExactly("Write a.txt", "Now b.txt");
        assertThat(whole.filesTouched()).containsExactly("a.txt", "b.txt");
        assertThat(whole.tokenUsage()).isEqualTo(new TokenUsage(310, 0, 50, 51, 3));
        assertThat(second.prompts()).containsExactly("Now b.txt");
        assertThat(second.filesTouched()).containsExactly("b.txt");
        assertThat(second.tokenUsage()).isEqualTo(new TokenUsage(210, 0, 50, 31, 2));
        assertThat(second.end()).isEqualTo(format.position(5));
        assertThat(format.filesWritten(transcript, format.position(4), repo)).containsExactly("b.txt");
        assertThat(agent.transcriptLocator().find(SessionId.of("s-1"), repo, environment)).contains(transcript);
    }

    @Test
    void theBinaryCompactsThePartAfterTheStartOfWhatThePassWasGiven() throws IOException {
        Agent agent = Agents.bySlug("jotter", environment);
        TranscriptFormat format = agent.transcriptFormat();
        List<String> lines = List.of("{\"role\":\"user\",\"text\":\"Write a.txt\"}",
                "{\"role\":\"assistant\",\"write\":\"a.txt\",\"usage\":{\"input\":100,\"output\":20}}",
                "{\"role\":\"user\",\"text\":\"Now b.txt\"}",
                "{\"role\":\"assistant\",\"reply\":\"Done.\",\"write\":\"b.txt\",\"usage\":{\"input\":200,"
                        + "\"output\":30}}");
        ByteArrayOutputStream compact = new ByteArrayOutputStream();

        TranscriptPass pass = format.startPass(format.position(2), repo, compact, "9.9.9");
        for (int i = 0; i < lines.size(); i++) {
            pass.accept(new JsonReader().parse(payload(lines.get(i))), i + 1);
        }
        TranscriptAnalysis analysis = pass.finish(lines.size());
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        long written = format.writeCompact(new ByteArrayInputStream(payload(String.join("\n", lines) + "\n")), whole,
                "9.9.9");

        assertThat(analysis.prompts()).containsExactly("Now b.txt");
        assertThat(compact.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "{\"v\":1,\"agent\":\"jotter\",\"cli_version\":\"9.9.9\",\"type\":\"user\","
                        + "\"content\":[{\"text\":\"Now b.txt\"}]}",
                "{\"v\":1,\"agent\":\"jotter\",\"cli_version\":\"9.9.9\",\"type\":\"assistant\",\"id\":\"m1\","
                        + "\"input_tokens\":200,\"output_tokens\":30,\"content\":[{\"type\":\"text\","
                        + "\"text\":\"Done.\"},{\"type\":\"tool_use\",\"id\":\"w1\",\"name\":\"write\","
                        + "\"input\":{\"file_path\":\"b.txt\"},\"result\":{\"output\":\"written\","
                        + "\"status\":\"success\"}}]}");
        assertThat(written).isEqualTo(4);
        assertThat(whole.toString(StandardCharsets.UTF_8).lines()).hasSize(4).first().asString()
                .contains("Write a.txt");
    }

    @Test
    void aBinaryWithoutCompactTranscriptsOrWithABrokenOneLeavesTheCompactTranscriptEmpty() throws IOException {
        String jotter = Files.readString(JOTTER);
        executable(bin.resolve("entire-agent-mute"), jotter.replace(", compact_transcript: true", ""));
        executable(bin.resolve("entire-agent-garbled"), jotter.replace("reply({ transcript: Buffer", "reply({ "
                + "transcript: '%%%' + Buffer"));
        for (String slug : List.of("mute", "garbled")) {
            TranscriptFormat format = Agents.bySlug(slug, environment).transcriptFormat();
            ByteArrayOutputStream compact = new ByteArrayOutputStream();
            TranscriptPass pass = format.startPass(format.position(0), repo, compact, "9.9.9");
            pass.accept(new JsonReader().parse(payload("{\"role\":\"user\",\"text\":\"Hi\"}")), 1);

            assertThat(pass.finish(1).prompts()).as(slug).containsExactly("Hi");
            assertThat(compact.size()).as(slug).isZero();
        }
        assertThat(Files.readAllLines(calls)).containsOnlyOnce("compact-transcript");
    }

    @Test
    void onlyATranscriptInsideTheFolderTheBinaryNamesIsAccepted() throws IOException {
        Agent agent = Agents.bySlug("jotter", environment);
        Path inside = Files.createDirectories(home.resolve(".jotter/sessions")).resolve("s-1.jsonl");
        Files.writeString(inside, "{}\n");
        Path outside = Files.writeString(temp.resolve("secrets.jsonl"), "{}\n");

        TranscriptAcceptance accepted = agent.transcriptLocator().accept(inside, environment);
        TranscriptAcceptance refused = agent.transcriptLocator().accept(outside, environment);

        assertThat(accepted.transcript()).contains(inside.toRealPath());
        assertThat(refused.transcript()).isEmpty();
        assertThat(refused.refusal()).contains("is not inside");
    }

    @Test
    void everyCallAnnouncesTheProtocolVersionAndRunsInTheWorkTree() throws IOException {
        Agents.bySlug("jotter", environment).settingsHooks(repo, environment).installed();

        assertThat(Files.readAllLines(calls)).containsExactly("info", "are-hooks-installed");
        Environment withoutVersion = environment.withVariable("ENTIRE_PROTOCOL_VERSION", "7");
        assertThat(Agents.bySlug("jotter", withoutVersion).slug()).isEqualTo("jotter");
    }

    private static byte[] payload(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static void executable(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    }
}
