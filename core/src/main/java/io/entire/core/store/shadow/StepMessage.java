package io.entire.core.store.shadow;

import static java.util.Objects.requireNonNull;

import io.entire.core.id.SessionId;
import java.util.List;
import java.util.Optional;

/**
 * The message of a shadow-branch commit (FORMATS.md 8): a one-line subject, a blank line, then the trailers
 * {@code Entire-Metadata}, {@code Entire-Session} and {@code Entire-Strategy} in the order the Go tool writes them.
 * The Go tool's rewind lists a commit by its {@code Entire-Session} trailer and reads the step's transcript and prompt
 * from the folder {@code Entire-Metadata} names.
 */
public final class StepMessage {
    /**
     * The trailer the Go tool gives a subagent's task commit in place of {@code Entire-Metadata}: the task's folder,
     * {@code .entire/metadata/<session-id>/tasks/<tool use id>}.
     */
    public static final String TASK_TRAILER = "Entire-Metadata-Task";
    /** The folder of a snapshot that holds a session's step data, {@code .entire/metadata/<session-id>}. */
    public static final String METADATA_FOLDER = ".entire/metadata";
    private static final int SUBJECT_LENGTH = 72;
    // The openings the Go tool drops from a prompt before it becomes a step's subject.
    private static final List<String> COURTESIES = List.of("Can you ", "can you ", "Please ", "please ", "Let's ",
            "let's ", "Could you ", "could you ", "Would you ", "would you ", "I want you to ", "I'd like you to ",
            "I need you to ");

    private StepMessage() {
    }

    /** {@code .entire/metadata/<session-id>}: where a snapshot keeps the session's step data. */
    public static String metadataFolder(SessionId session) {
        return METADATA_FOLDER + "/" + session.value();
    }

    /** The task folder a commit's message names in {@link #TASK_TRAILER}; empty for a step's message. */
    public static Optional<String> taskFolder(String message) {
        for (String line : message.split("\n")) {
            if (line.startsWith(TASK_TRAILER + ":")) {
                String folder = line.substring(TASK_TRAILER.length() + 1).strip();
                return folder.isEmpty() ? Optional.empty() : Optional.of(folder);
            }
        }
        return Optional.empty();
    }

    /** The whole message of a commit on a shadow branch: {@code subject} (one line) and the three trailers. */
    public static String of(String subject, SessionId session) {
        requireNonNull(subject, "subject is null");
        if (subject.isBlank() || subject.contains("\n")) {
            throw new IllegalArgumentException("a step's subject is one non-blank line: '" + subject + "'");
        }
        return subject + "\n\nEntire-Metadata: " + metadataFolder(session) + "\nEntire-Session: " + session
                + "\nEntire-Strategy: manual-commit\n";
    }

    /**
     * A step's subject as the Go tool derives it from the turn's last prompt: courtesy openings and a closing
     * question mark dropped, at most 72 characters, first letter capitalized; {@code <agent> session updates} when
     * no prompt is left. Unlike the Go tool's, it is always one line (a prompt's line breaks become spaces), so no
     * prompt text can pass for a trailer.
     */
    public static String subject(List<String> prompts, String agentName) {
        requireNonNull(agentName, "agentName is null");
        String text = prompts.isEmpty() ? "" : prompts.get(prompts.size() - 1).strip().replaceAll("\\s+", " ");
        boolean dropped = true;
        while (dropped) {
            dropped = false;
            for (String courtesy : COURTESIES) {
                if (text.startsWith(courtesy)) {
                    text = text.substring(courtesy.length());
                    dropped = true;
                    break;
                }
            }
        }
        if (text.endsWith("?")) {
            text = text.substring(0, text.length() - 1);
        }
        text = text.strip();
        if (text.codePointCount(0, text.length()) > SUBJECT_LENGTH) {
            text = text.substring(0, text.offsetByCodePoints(0, SUBJECT_LENGTH)).strip();
        }
        if (text.isEmpty()) {
            return agentName + " session updates";
        }
        int first = text.codePointAt(0);
        return new StringBuilder().appendCodePoint(Character.toUpperCase(first))
                .append(text, Character.charCount(first), text.length()).toString();
    }
}
