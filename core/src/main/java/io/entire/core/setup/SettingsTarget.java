package io.entire.core.setup;

/** Which settings file {@code enable} and {@code disable} write. */
public enum SettingsTarget {
    /** enable: settings.json, or settings.local.json when settings.json exists; disable: settings.local.json. */
    AUTOMATIC,
    /** {@code --local}: .entire/settings.local.json (git-ignored, this clone only). */
    LOCAL,
    /** {@code --project}: .entire/settings.json (committed, for everyone). */
    PROJECT
}
