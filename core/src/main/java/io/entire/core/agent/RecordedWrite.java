package io.entire.core.agent;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Text the agent wrote into a file through a tool call (a whole file, or the new side of an edit), the path as the
 * tool got it, and the user's prompt the call answered.
 */
public record RecordedWrite(String filePath, String content, Optional<String> prompt) {
    public RecordedWrite {
        requireNonNull(filePath, "filePath is null");
        requireNonNull(content, "content is null");
        requireNonNull(prompt, "prompt is null");
    }

    /** True when the tool's path (absolute, from any machine) names this repository-relative path. */
    public boolean isFor(String repositoryPath) {
        return filePath.equals(repositoryPath) || filePath.endsWith("/" + repositoryPath);
    }
}
