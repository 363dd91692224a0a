package io.entire.core.query;

/** Whether a session's stored transcript still matches its {@code content_hash.txt}. */
public enum HashCheck {
    /** The hash of the reassembled transcript equals the stored one. */
    MATCH,
    /** It does not: the transcript or its hash changed after writing. */
    MISMATCH,
    /** There is a transcript but no hash to check it against. */
    NO_HASH,
    /** The slot holds no transcript (older writers left some slots with metadata only). */
    NO_TRANSCRIPT,
    /** The slot names a transcript whose objects this repository lacks (a partial clone that could not fetch it). */
    MISSING
}
