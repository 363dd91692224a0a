package io.entire.core.agent.gemini;

import io.entire.core.EntireException;

/** A hook's stdin is not the JSON Gemini CLI sends (malformed, or no usable session_id); nothing is recorded. */
public final class InvalidGeminiPayloadException extends EntireException {
    public InvalidGeminiPayloadException(String problem) {
        super(Category.USAGE, "Gemini CLI hook payload ignored: " + problem);
    }
}
