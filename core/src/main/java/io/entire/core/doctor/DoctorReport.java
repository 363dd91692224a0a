package io.entire.core.doctor;

import java.util.List;

/**
 * What {@code entire doctor} found: one finding per check (more where a check found several things), the stuck
 * sessions it can fix, and the lost links of the current branch.
 */
public record DoctorReport(List<Finding> findings, List<LiveSession> stuck, List<LostLink> lostLinks) {
    public DoctorReport {
        findings = List.copyOf(findings);
        stuck = List.copyOf(stuck);
        lostLinks = List.copyOf(lostLinks);
    }

    /** Whether any finding is a problem (warnings are not). */
    public boolean hasProblems() {
        return findings.stream().anyMatch(finding -> finding.severity() == Finding.Severity.PROBLEM);
    }
}
