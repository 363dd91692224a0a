package io.entire.core.agent.codex;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodexCompactTranscriptTest {
    @Test
    void eachPromptIsAUserLineAndEachResponseOneAssistantLineWithItsTokensAndCallResults() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CodexCompactTranscript compact = new CodexCompactTranscript(out, "1.2.3");
        for (String line : Files.readAllLines(Recording.ROLLOUT, StandardCharsets.UTF_8).subList(0, 18)) {
            compact.accept(new JsonReader().parse(line.getBytes(StandardCharsets.UTF_8)));
        }

        assertThat(compact.finish()).isEqualTo(3);

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).isEqualTo("{\"v\":1,\"agent\":\"codex\",\"cli_version\":\"1.2.3\",\"type\":\"user\","
                + "\"ts\":\"2026-12-04T21:22:06.323Z\",\"content\":[{\"text\":\"Add a greeting file\"}]}");
        assertThat(lines.get(1)).isEqualTo("{\"v\":1,\"agent\":\"codex\",\"cli_version\":\"1.2.3\",\"type\":"
                + "\"assistant\",\"ts\":\"2026-12-04T21:22:06.345Z\",\"id\":\"fc_1\",\"input_tokens\":200,"
                + "\"output_tokens\":40,\"content\":[{\"type\":\"tool_use\",\"id\":\"call_1\",\"name\":"
                + "\"exec_command\",\"input\":{\"cmd\":\"apply_patch \\u003c\\u003c'PATCH'\\n*** Begin Patch\\n"
                + "*** Add File: greeting.txt\\n+Hello\\n*** End Patch\\nPATCH\"},\"result\":{\"output\":\"Wall time:"
                + " 0.0000 seconds\\nOutput:\\nExit code: 0\\nWall time: 0.1 seconds\\nOutput:\\nSuccess. Updated the"
                + " following files:\\nA greeting.txt\\n\",\"status\":\"success\"}}]}");
        assertThat(lines.get(2)).isEqualTo("{\"v\":1,\"agent\":\"codex\",\"cli_version\":\"1.2.3\",\"type\":"
                + "\"assistant\",\"ts\":\"2026-12-04T21:22:06.635Z\",\"id\":\"msg_2\",\"input_tokens\":100,"
                + "\"output_tokens\":8,\"content\":[{\"type\":\"text\",\"text\":\"Added greeting.txt.\"}]}");
    }
}
