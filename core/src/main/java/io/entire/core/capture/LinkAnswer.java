package io.entire.core.capture;

/** The answer to "Link this commit to ... session context? [Y/n/a]". */
public enum LinkAnswer {
    YES,
    NO,
    /** Yes, and never ask again in this repository ({@code commit_linking: always} in settings.local.json). */
    ALWAYS
}
