package io.entire.core.doctor;

import java.util.List;

/** What {@code entire clean} would remove, and notes on what it leaves alone and why. */
public record CleanPlan(List<CleanItem> items, List<String> notes) {
    public CleanPlan {
        items = List.copyOf(items);
        notes = List.copyOf(notes);
    }
}
