package io.entire.core.doctor;

import java.util.List;

/** What {@code entire doctor verify} looked at (the stores found, the checkpoint copies read) and what it found. */
public record VerifyReport(List<String> stores, int copiesChecked, List<VerifyProblem> problems) {
    public VerifyReport {
        stores = List.copyOf(stores);
        if (copiesChecked < 0) {
            throw new IllegalArgumentException("negative count " + copiesChecked);
        }
        problems = List.copyOf(problems);
    }

    public boolean healthy() {
        return problems.isEmpty();
    }
}
