package io.entire.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressCountTest {
    private final List<String> told = new ArrayList<>();
    private final Progress recording = (done, total) -> told.add(done + "/" + total);

    @Test
    void tellsTheStartAndEachStepAndNeverCountsPastTheTotal() {
        ProgressCount count = ProgressCount.start(recording, 3);
        count.add(2);
        count.add(0);
        count.add(5);
        count.add(1);

        assertThat(told).containsExactly("0/3", "2/3", "3/3");
    }

    @Test
    void nothingToDoTellsNothing() {
        ProgressCount.start(recording, 0).add(1);

        assertThat(told).isEmpty();
    }

    @Test
    void negativeCountsAreRejected() {
        assertThatThrownBy(() -> ProgressCount.start(recording, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProgressCount.start(recording, 2).add(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
