package io.entire.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entire.core.CheckpointFailure.Category;
import io.entire.core.id.CheckpointId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A failure names its checkpoint or ref apart from the reason, and reads as the line commands always printed. */
class CheckpointFailureTest {
    private static final CheckpointId CHECKPOINT = CheckpointId.of("0123456789ab");

    @Test
    void aCheckpointFailureReadsAsItsIdAndReason() {
        CheckpointFailure failure = CheckpointFailure.of(CHECKPOINT, Category.MISSING_OBJECT,
                "its v1 folder is missing");

        assertThat(failure.text()).isEqualTo("0123456789ab: its v1 folder is missing");
        assertThat(failure.checkpointId()).contains(CHECKPOINT);
        assertThat(failure.category()).isEqualTo(Category.MISSING_OBJECT);
    }

    @Test
    void aFailureOfACheckpointsRefIsNamedByTheCheckpointAndKeepsTheRef() {
        CheckpointFailure failure = new CheckpointFailure(Optional.of(CHECKPOINT),
                Optional.of("refs/entire/checkpoints/01/23456789ab"), Category.MOVED, "moved; run it again");

        assertThat(failure.text()).isEqualTo("0123456789ab: moved; run it again");
        assertThat(failure.ref()).contains("refs/entire/checkpoints/01/23456789ab");
    }

    @Test
    void aRefFailureReadsAsTheRefAndReason() {
        assertThat(CheckpointFailure.ofRef("refs/entire/checkpoints/v2/main", Category.REMOTE, "rejected").text())
                .isEqualTo("refs/entire/checkpoints/v2/main: rejected");
    }

    @Test
    void aFailureAboutNothingIsRefused() {
        assertThatThrownBy(() -> new CheckpointFailure(Optional.empty(), Optional.empty(), Category.STORAGE, "lost"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lost");
    }
}
