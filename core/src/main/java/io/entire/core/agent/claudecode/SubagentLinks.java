package io.entire.core.agent.claudecode;

import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonValue;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subagents a transcript slice launched, fed line by line. Claude Code answers an Agent (formerly Task) tool call
 * with a user line whose {@code tool_result} carries the call's id and whose {@code toolUseResult.agentId} names the
 * agent (a background agent's too, at launch); older results say it only in their text, {@code agentId: <id>}.
 */
public final class SubagentLinks {
    private static final Pattern AGENT_ID_IN_TEXT = Pattern.compile("agentId: ([A-Za-z0-9_-]+)");

    private final Map<String, SubagentLink> byToolUse = new LinkedHashMap<>();
    private final Set<String> agentCalls = new HashSet<>();

    /** One parsed line of the slice. */
    public void accept(JsonValue line) {
        if (!(line instanceof JsonObject object)) {
            return;
        }
        switch (object.member("type").stringValue()) {
            case "assistant" -> acceptCalls(object.member("message").member("content"));
            case "user" -> acceptResults(object);
            default -> {
                // no other line reports a subagent
            }
        }
    }

    private void acceptCalls(JsonValue content) {
        for (JsonValue block : content.elements()) {
            String name = block.member("name").stringValue();
            boolean agentTool = name.equals("Agent") || name.equals("Task");
            if (agentTool && block.member("type").stringValue().equals("tool_use")) {
                agentCalls.add(block.member("id").stringValue());
            }
        }
    }

    private void acceptResults(JsonObject object) {
        String declared = object.member("toolUseResult").member("agentId").stringValue();
        for (JsonValue block : object.member("message").member("content").elements()) {
            String toolUseId = block.member("tool_use_id").stringValue();
            if (!block.member("type").stringValue().equals("tool_result") || byToolUse.containsKey(toolUseId)) {
                continue;
            }
            // The text names an agent id for the Agent tool's calls only: another tool's output may say anything.
            String agentId = !declared.isEmpty() ? declared
                    : agentCalls.contains(toolUseId) ? agentIdInText(block.member("content")) : "";
            if (SubagentLink.isName(toolUseId) && SubagentLink.isName(agentId)) {
                byToolUse.put(toolUseId, new SubagentLink(toolUseId, agentId, object.member("uuid").stringValue()));
            }
        }
    }

    /** The subagents found, in the order the transcript reported them. */
    public List<SubagentLink> links() {
        return List.copyOf(byToolUse.values());
    }

    private static String agentIdInText(JsonValue content) {
        String text = ClaudeTranscript.text(content, "\n");
        Matcher matcher = AGENT_ID_IN_TEXT.matcher(text);
        return matcher.find() ? matcher.group(1) : "";
    }
}
