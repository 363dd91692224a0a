package io.entire.core.migrate;

import static java.util.Objects.requireNonNull;

import io.entire.core.CheckpointFailure;
import io.entire.core.git.ObjectId;
import io.entire.core.git.RefName;
import io.entire.core.git.TreeEntry;
import io.entire.core.id.CheckpointId;
import io.entire.core.model.CheckpointSummary;
import io.entire.core.model.SessionMetadata;
import io.entire.core.store.StoredSession;
import io.entire.core.store.v2.Generation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What migrating the v1 branch to v2 takes, decided from trees and metadata alone (no transcript is read): the
 * checkpoints to write oldest first, the tips the writes go on top of, and the edits of existing {@code /full}
 * refs (pruning before {@code --force}, generation metadata repair). Nothing in it has been written yet.
 */
public record V2MigrationPlan(List<Checkpoint> checkpoints, int upToDate, List<CheckpointFailure> failed,
        Optional<ObjectId> mainTip, Optional<ObjectId> currentTip, Generation currentGeneration, long nextArchive,
        List<FullRefEdit> prunes, List<FullRefEdit> repairs) {
    public V2MigrationPlan {
        checkpoints = List.copyOf(checkpoints);
        if (upToDate < 0) {
            throw new IllegalArgumentException("negative count of up-to-date checkpoints: " + upToDate);
        }
        failed = List.copyOf(failed);
        requireNonNull(mainTip, "mainTip is null");
        requireNonNull(currentTip, "currentTip is null");
        requireNonNull(currentGeneration, "currentGeneration is null");
        if (nextArchive < 1) {
            throw new IllegalArgumentException("archive numbers start at 1, not " + nextArchive);
        }
        prunes = List.copyOf(prunes);
        repairs = List.copyOf(repairs);
    }

    /** True when some raw transcript is to be packed into a generation. */
    public boolean packsTranscripts() {
        return checkpoints.stream().anyMatch(checkpoint -> !checkpoint.full().isEmpty());
    }

    /**
     * One checkpoint to migrate: its {@code /main} folder edit, if any, and the session slots whose raw transcripts
     * go to a generation (slot numbers as on {@code /main}).
     */
    public record Checkpoint(CheckpointId id, Instant createdAt, Optional<MainFolder> main, List<FullSlot> full) {
        public Checkpoint {
            requireNonNull(id, "id is null");
            requireNonNull(createdAt, "createdAt is null");
            requireNonNull(main, "main is null");
            full = List.copyOf(full);
        }
    }

    /**
     * The {@code /main} folder of a checkpoint after the migration: {@code kept} slots stay as they are,
     * {@code writes} are (re)written, {@code others} (files outside slot folders, such as {@code tasks/...}, by path
     * in the folder) are copied. {@code replace} removes the old folder first ({@code --force}); without it the
     * writes go into the existing folder. The root summary is built on {@code existing}: the folder's, or for a
     * checkpoint new to {@code /main} the v1 root's, so the keys and values it alone holds stay.
     */
    public record MainFolder(Replace replace, Optional<CheckpointSummary> existing, List<StoredSession> kept,
            List<SlotWrite> writes, Map<String, TreeEntry> others) {
        /** Whether the folder on {@code /main} is removed before the writes. */
        public enum Replace {
            KEEP_FOLDER,
            REPLACE_FOLDER
        }

        public MainFolder {
            requireNonNull(replace, "replace is null");
            requireNonNull(existing, "existing is null");
            kept = List.copyOf(kept);
            writes = List.copyOf(writes);
            others = Map.copyOf(others);
        }
    }

    /**
     * One session slot written to {@code /main}: its files without the compact transcript, and where that comes
     * from. {@code onlyForCompact} marks a slot that is written only to add a compact transcript, so it is dropped
     * when none can be built. {@code sourceSlot} is the slot it has on v1: slots are numbered from 0 without gaps
     * on {@code /main}, so a session whose number changed records its v1 slot in its metadata.
     */
    public record SlotWrite(int slot, SessionMetadata metadata, Map<String, TreeEntry> files, CompactSource compact,
            boolean onlyForCompact, int sourceSlot) {
        public SlotWrite {
            if (slot < 0 || sourceSlot < 0) {
                throw new IllegalArgumentException("negative slot " + slot + " (v1: " + sourceSlot + ")");
            }
            requireNonNull(metadata, "metadata is null");
            files = Map.copyOf(files);
            requireNonNull(compact, "compact is null");
        }
    }

    /** Where a slot's compact transcript comes from. */
    public sealed interface CompactSource {
        /** No compact transcript: v1 has neither one nor a raw transcript to build it from. */
        record None() implements CompactSource {
        }

        /** v1's {@code transcript.jsonl}, reused as it is (read only to hash it). */
        record Copy(ObjectId blob) implements CompactSource {
            public Copy {
                requireNonNull(blob, "blob is null");
            }
        }

        /** Built from the raw transcript's chunks, in order. */
        record Rebuild(List<ObjectId> rawParts) implements CompactSource {
            public Rebuild {
                rawParts = List.copyOf(rawParts);
            }
        }
    }

    /** The raw files of one session slot as {@code /full} stores them ({@code raw_transcript}, chunks, hash). */
    public record FullSlot(int slot, List<TreeEntry> files) {
        public FullSlot {
            if (slot < 0) {
                throw new IllegalArgumentException("negative slot " + slot);
            }
            files = List.copyOf(files);
        }
    }

    /**
     * An edit of an existing {@code /full} ref: checkpoint folders removed and {@code generation.json} replaced,
     * committed on {@code tip}; {@code deleteRef} when nothing would remain in an archive.
     */
    public record FullRefEdit(RefName ref, ObjectId tip, List<CheckpointId> remove, Generation generation,
            DeleteRef deleteRef) {
        /** Whether the ref goes away instead of getting a commit. */
        public enum DeleteRef {
            NO,
            YES
        }

        public FullRefEdit {
            requireNonNull(ref, "ref is null");
            requireNonNull(tip, "tip is null");
            remove = List.copyOf(remove);
            requireNonNull(generation, "generation is null");
            requireNonNull(deleteRef, "deleteRef is null");
        }
    }
}
