package io.entire.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the scripted model answers, per conversation: the replies to a prompt, in order. A conversation (the main
 * agent's turn, or a subagent's task) is known by its prompt, so the script holds however many replies it has made
 * since that prompt, and replay or extra requests from Claude Code cannot shift it.
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

    static ModelScript of(Object... promptAndReplies) {
        Map<String, List<ModelReply>> replies = new LinkedHashMap<>();
        for (int i = 0; i < promptAndReplies.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<ModelReply> list = (List<ModelReply>) promptAndReplies[i + 1];
            replies.put((String) promptAndReplies[i], list);
        }
        return new ModelScript(replies);
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
