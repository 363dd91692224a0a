package io.entire.core.query;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.TranscriptFormat;
import io.entire.core.json.JsonLineSink;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads a compact transcript (FORMATS.md 2.4), the form every agent's transcript takes in a checkpoint, into turns:
 * a user line starts a turn, assistant lines add their text and tool calls to it. Lines that are not JSON are
 * skipped. Single use.
 */
final class ConversationReader {
    private final Function<JsonValue, List<String>> toolCallFiles;
    private final JsonReader json = new JsonReader();
    private final List<ConversationTurn> turns = new ArrayList<>();
    private String prompt = "";
    private List<ConversationTurn.Step> steps = new ArrayList<>();

    /**
     * @param toolCallFiles the files a tool call's input names: the agent's {@link TranscriptFormat#toolCallFiles}, or
     *        {@link TranscriptFormat#namedFiles} for an agent this program cannot load
     */
    ConversationReader(Function<JsonValue, List<String>> toolCallFiles) {
        this.toolCallFiles = requireNonNull(toolCallFiles, "toolCallFiles is null");
    }

    /** A stream to write the compact transcript into; close it, then ask for the {@link #turns()}. */
    JsonLineSink sink() {
        return new JsonLineSink((line, length) -> json.findValue(line, 0, length).ifPresent(this::accept));
    }

    /** The turns read so far, the last one included. */
    List<ConversationTurn> turns() {
        List<ConversationTurn> all = new ArrayList<>(turns);
        if (!prompt.isEmpty() || !steps.isEmpty()) {
            all.add(new ConversationTurn(prompt, steps));
        }
        return all;
    }

    private void accept(JsonValue line) {
        switch (line.member("type").stringValue()) {
            case "user" -> startTurn(text(line.member("content")));
            case "assistant" -> line.member("content").elements().forEach(this::addBlock);
            default -> {
                // another line type a newer writer may add
            }
        }
    }

    private void startTurn(String text) {
        if (text.isBlank()) {
            return;
        }
        if (!prompt.isEmpty() || !steps.isEmpty()) {
            turns.add(new ConversationTurn(prompt, steps));
        }
        prompt = text.strip();
        steps = new ArrayList<>();
    }

    private void addBlock(JsonValue block) {
        String type = block.member("type").stringValue();
        if (type.equals("text") && !block.member("text").stringValue().isBlank()) {
            steps.add(new ConversationTurn.Reply(block.member("text").stringValue().strip()));
        } else if (type.equals("tool_use")) {
            steps.add(new ConversationTurn.ToolCall(block.member("name").stringValue(),
                    toolCallFiles.apply(block.member("input")),
                    block.member("result").member("status").stringValue().equals("error")));
        }
    }

    /** A user line's text: a plain string, or its text blocks one after the other. */
    private static String text(JsonValue content) {
        if (!content.stringValue().isEmpty()) {
            return content.stringValue();
        }
        return content.elements().stream().map(block -> block.member("text").stringValue())
                .filter(text -> !text.isBlank()).collect(Collectors.joining("\n\n"));
    }
}
