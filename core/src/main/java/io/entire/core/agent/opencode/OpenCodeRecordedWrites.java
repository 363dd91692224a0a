package io.entire.core.agent.opencode;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;
import io.entire.core.agent.RecordedWrite;
import io.entire.core.json.JsonFormatException;
import io.entire.core.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads an OpenCode session export for what the agent wrote into files: the content of each completed {@code write},
 * the new text of each {@code edit} and of every edit of a {@code multiedit}, each with the last prompt before it. An
 * export is one JSON document, so it is read when the stream is closed.
 */
final class OpenCodeRecordedWrites extends ByteArrayOutputStream {
    private final Consumer<RecordedWrite> consumer;
    private boolean closed;

    OpenCodeRecordedWrites(Consumer<RecordedWrite> consumer) {
        this.consumer = requireNonNull(consumer, "consumer is null");
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        OpenCodeSession session;
        try {
            session = OpenCodeSession.parse(toByteArray());
        } catch (JsonFormatException e) {
            throw new EntireException(EntireException.Category.STORAGE, "cannot read a stored OpenCode session: "
                    + e.getMessage(), e);
        }
        Optional<String> prompt = Optional.empty();
        for (OpenCodeMessage message : session.messagesFrom(0)) {
            Optional<String> typed = message.prompt();
            if (typed.isPresent()) {
                prompt = typed;
            }
            if (message.isAssistant()) {
                for (JsonValue call : message.toolCalls()) {
                    if (call.member("state").member("status").stringValue().equals("completed")) {
                        read(call.member("tool").stringValue(), call.member("state").member("input"), prompt);
                    }
                }
            }
        }
    }

    private void read(String tool, JsonValue input, Optional<String> prompt) {
        String path = input.member("filePath").stringValue();
        if (path.isEmpty()) {
            return;
        }
        switch (tool) {
            case "write" -> emit(path, input.member("content").stringValue(), prompt);
            case "edit" -> emit(path, input.member("newString").stringValue(), prompt);
            case "multiedit" -> input.member("edits").elements()
                    .forEach(edit -> emit(path, edit.member("newString").stringValue(), prompt));
            default -> {
                // reads, searches and shell commands write no file text we can compare lines with
            }
        }
    }

    private void emit(String path, String text, Optional<String> prompt) {
        if (!text.isEmpty()) {
            consumer.accept(new RecordedWrite(path, text, prompt));
        }
    }
}
