package io.entire.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the scripted model answers, per conversation: the replies to a prompt, in order. A conversation (a turn of
 * the main agent, or a subagent's task) is known by the prompt that began it, and its next reply is the one after
 * those the request already holds, so retries and Claude Code's extra requests cannot shift the script.
 */
record ModelScript(Map<String, List<ModelReply>> repliesByPrompt) {
    ModelScript {
        Map<String, List<ModelReply>> copy = new LinkedHashMap<>();
        repliesByPrompt.forEach((prompt, replies) -> {
            if (replies.isEmpty() || replies.get(replies.size() - 1).callsTools()) {
                throw new IllegalArgumentException("the replies to \"" + prompt + "\" must end with text");
            }
            copy.put(prompt, List.copyOf(replies));
        });
        repliesByPrompt = Collections.unmodifiableMap(copy);
    }

    static ModelScript of(String prompt, List<ModelReply> replies) {
        return new ModelScript(Map.of(prompt, replies));
    }

    /** Two conversations: two turns of one session, or a turn and the task of the subagent it starts. */
    static ModelScript of(String prompt, List<ModelReply> replies, String otherPrompt, List<ModelReply> otherReplies) {
        Map<String, List<ModelReply>> script = new LinkedHashMap<>();
        script.put(prompt, replies);
        script.put(otherPrompt, otherReplies);
        return new ModelScript(script);
    }

    /** The reply after {@code repliesSoFar} replies to {@code prompt}, when the script has one. */
    Optional<ModelReply> reply(String prompt, int repliesSoFar) {
        List<ModelReply> replies = repliesByPrompt.getOrDefault(prompt, List.of());
        return repliesSoFar < replies.size() ? Optional.of(replies.get(repliesSoFar)) : Optional.empty();
    }

    boolean knows(String prompt) {
        return repliesByPrompt.containsKey(prompt);
    }
}
