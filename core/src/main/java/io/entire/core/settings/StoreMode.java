package io.entire.core.settings;

import io.entire.core.RandomSource;
import io.entire.core.id.CheckpointId;
import java.time.InstantSource;

/** Which store is authoritative ({@code strategy_options.checkpoint_store}, FORMATS.md 6). */
public enum StoreMode {
    /** Unset: the v1 branch is the store. */
    BRANCH(""),
    /** The ref store is authoritative and the v1 branch is still written as a best-effort mirror. */
    REFS_WITH_BRANCH_MIRROR("refs-v1-mirror"),
    /** Refs only. */
    REFS("refs-v1");

    private final String settingValue;

    StoreMode(String settingValue) {
        this.settingValue = settingValue;
    }

    /** The value as written in settings.json; empty for the default. */
    public String settingValue() {
        return settingValue;
    }

    public boolean refsArePrimary() {
        return this != BRANCH;
    }

    /** A new checkpoint id of the kind this mode's primary store wants: ULIDs for refs, legacy hex for the branch. */
    public CheckpointId newCheckpointId(InstantSource clock, RandomSource random) {
        return refsArePrimary() ? CheckpointId.newUlid(clock.instant(), random) : CheckpointId.newLegacy(random);
    }
}
