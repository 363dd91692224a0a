package io.entire.core.store;

/** The three storage layouts (FORMATS.md 3-5) and the format tag each stamps into root metadata. */
public enum StoreKind {
    BRANCH("branch-1"),
    V2("v2-1"),
    REFS("refs-1");

    private final String formatVersion;

    StoreKind(String formatVersion) {
        this.formatVersion = formatVersion;
    }

    /** The {@code checkpoints_version} value this layout writes. */
    public String formatVersion() {
        return formatVersion;
    }
}
