package io.entire.core.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The malloc setting fast-import runs with: ours unless the user set glibc tunables of their own. */
class FastImportTest {
    @Test
    void raisesGlibcHeapTrimmingUnlessTheUserTunedGlibc() {
        assertThat(FastImport.mallocSettings(Map.of("PATH", "/usr/bin")))
                .containsExactly(Map.entry("GLIBC_TUNABLES", "glibc.malloc.trim_threshold=268435456"));
        assertThat(FastImport.mallocSettings(Map.of("GLIBC_TUNABLES", "glibc.malloc.arena_max=2"))).isEmpty();
    }
}
