package io.entire.core.doctor;

import java.util.Locale;

/** The kinds of damage {@code entire doctor verify} tells apart. */
public enum ProblemKind {
    /** A root or session {@code metadata.json} is missing, does not parse, or names another checkpoint. */
    METADATA,
    /** The root {@code sessions} index and the slot folders {@code 0/ 1/ ...} do not match. */
    SLOT_INDEX,
    /** A transcript does not match the hash stored next to it. */
    CONTENT_HASH,
    /** An object a checkpoint's tree names is not in the repository. */
    MISSING_OBJECT,
    /** A ref under {@code refs/entire/checkpoints/} that is not a well-formed, correctly sharded checkpoint ref. */
    BAD_REF,
    /** Something in a store's tree that is not a checkpoint folder. */
    UNEXPECTED_ENTRY,
    /** Two stores hold the same checkpoint with different sessions or transcripts. */
    STORES_DISAGREE,
    /** A stored file holds text that today's redaction rules (the project's too) would replace. */
    SECRET;

    /** The spelling in {@code --json}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
