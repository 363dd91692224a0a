package io.entire.core.agent.codex;

import static java.util.Objects.requireNonNull;

/**
 * One of Entire's handlers in {@code .codex/hooks.json}: its event, its place (the matcher group's and the handler's
 * index, which Codex's trust key names), its command and timeout.
 */
public record EntireHookEntry(CodexHookEvent event, int groupIndex, int handlerIndex, String command,
        int timeoutSeconds) {
    public EntireHookEntry {
        requireNonNull(event, "event is null");
        requireNonNull(command, "command is null");
        if (groupIndex < 0 || handlerIndex < 0 || timeoutSeconds < 1) {
            throw new IllegalArgumentException("bad hook entry: group " + groupIndex + ", handler " + handlerIndex
                    + ", timeout " + timeoutSeconds);
        }
    }
}
