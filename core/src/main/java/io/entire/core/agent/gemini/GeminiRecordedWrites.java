package io.entire.core.agent.gemini;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.RecordedWrite;
import io.entire.core.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a Gemini CLI chat for what the agent wrote into files: the content of each {@code write_file} and the new text
 * of each {@code replace}, each with the last prompt before it. A chat is one document until its end (or records
 * rewritten later in the file), so it is read when the stream is closed.
 */
final class GeminiRecordedWrites extends ByteArrayOutputStream {
    private final Consumer<RecordedWrite> consumer;
    private boolean closed;

    GeminiRecordedWrites(Consumer<RecordedWrite> consumer) {
        this.consumer = requireNonNull(consumer, "consumer is null");
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Optional<String> prompt = Optional.empty();
        for (GeminiMessage message : GeminiChat.parse(toByteArray()).messages()) {
            Optional<String> typed = message.prompt();
            if (typed.isPresent()) {
                prompt = typed;
            }
            if (message.isModelReply()) {
                for (JsonValue call : message.toolCalls()) {
                    read(call.member("name").stringValue(), call.member("args"), prompt);
                }
            }
        }
    }

    private void read(String tool, JsonValue args, Optional<String> prompt) {
        String path = args.member("file_path").stringValue();
        String text = switch (tool) {
            case "write_file" -> args.member("content").stringValue();
            case "replace" -> args.member("new_string").stringValue();
            default -> "";
        };
        if (!path.isEmpty() && !text.isEmpty()) {
            consumer.accept(new RecordedWrite(path, text, prompt));
        }
    }
}
