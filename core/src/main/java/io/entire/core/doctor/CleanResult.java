package io.entire.core.doctor;

import java.util.List;

/** What {@code entire clean --force} removed, and what it kept because it came into use meanwhile. */
public record CleanResult(List<CleanItem> removed, List<String> kept) {
    public CleanResult {
        removed = List.copyOf(removed);
        kept = List.copyOf(kept);
    }
}
