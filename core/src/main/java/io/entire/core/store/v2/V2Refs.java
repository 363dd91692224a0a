package io.entire.core.store.v2;

import io.entire.core.git.RefName;
import java.util.Optional;
import java.util.regex.Pattern;

/** The refs of the v2 layout (FORMATS.md 4). */
public final class V2Refs {
    public static final String PREFIX = "refs/entire/checkpoints/v2/";
    public static final RefName MAIN = RefName.of("refs/entire/checkpoints/v2/main");
    public static final RefName CURRENT = RefName.of("refs/entire/checkpoints/v2/full/current");
    public static final String FULL_PREFIX = "refs/entire/checkpoints/v2/full/";
    private static final Pattern ARCHIVE = Pattern.compile("\\d{13}");

    private V2Refs() {
    }

    /** The archive ref of generation n, zero-padded to 13 digits. */
    public static RefName archive(long number) {
        if (number < 1) {
            throw new IllegalArgumentException("archive numbers start at 1, not " + number);
        }
        return RefName.of(FULL_PREFIX + String.format("%013d", number));
    }

    /** The generation number of an archive ref; only names of exactly 13 digits count. */
    public static Optional<Long> archiveNumber(RefName ref) {
        if (!ref.name().startsWith(FULL_PREFIX)) {
            return Optional.empty();
        }
        String suffix = ref.name().substring(FULL_PREFIX.length());
        return ARCHIVE.matcher(suffix).matches() ? Optional.of(Long.parseLong(suffix)) : Optional.empty();
    }
}
