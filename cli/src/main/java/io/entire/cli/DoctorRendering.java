package io.entire.cli;

import io.entire.core.Warning;
import io.entire.core.doctor.DoctorReport;
import io.entire.core.doctor.Finding;
import io.entire.core.doctor.LiveSession;
import io.entire.core.doctor.LostLink;
import io.entire.core.doctor.Repair;
import io.entire.core.git.ObjectId;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonValue;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints what {@code entire doctor} found and fixed, as text or as one JSON object. */
final class DoctorRendering {
    private final PrintWriter out;

    DoctorRendering(PrintWriter out) {
        this.out = out;
    }

    void text(DoctorReport report, List<Repair> repairs) {
        for (Repair repair : repairs) {
            out.println("repair   session " + repair.sessionId() + ": " + describe(repair));
            repair.warnings().forEach(warning -> out.println("         " + warning.text()));
        }
        for (Finding finding : report.findings()) {
            out.println(String.format("%-8s %s: %s", finding.severity().value(), finding.check().value(),
                    finding.message()));
            if (!finding.remedy().isEmpty()) {
                out.println("         fix: " + finding.remedy());
            }
        }
    }

    void json(DoctorReport report, List<Repair> repairs) {
        List<JsonValue> findings = new ArrayList<>();
        for (Finding finding : report.findings()) {
            findings.add(new JsonOut().put("check", finding.check().value())
                    .put("severity", finding.severity().value()).put("message", finding.message())
                    .put("remedy", finding.remedy()).build());
        }
        List<JsonValue> stuck = new ArrayList<>();
        for (LiveSession session : report.stuck()) {
            stuck.add(SessionRendering.json(session));
        }
        List<JsonValue> links = new ArrayList<>();
        for (LostLink link : report.lostLinks()) {
            links.add(new JsonOut().put("kind", link.kind().name().toLowerCase(Locale.ROOT))
                    .put("commit", link.commit().hex()).put("subject", link.subject())
                    .put("checkpoint_id", link.checkpoint().value())
                    .put("replacement", link.replacement().map(ObjectId::hex)).build());
        }
        List<JsonValue> fixed = new ArrayList<>();
        for (Repair repair : repairs) {
            fixed.add(new JsonOut().put("session_id", repair.sessionId().value())
                    .put("outcome", repair.outcome().name().toLowerCase(Locale.ROOT))
                    .put("checkpoint_id", repair.checkpoint().map(Object::toString))
                    .putStrings("warnings", repair.warnings().stream().map(Warning::text).toList()).build());
        }
        JsonOut.print(out, new JsonOut().put("findings", new JsonArray(findings))
                .put("stuck_sessions", new JsonArray(stuck)).put("lost_links", new JsonArray(links))
                .put("repairs", new JsonArray(fixed)).build());
    }

    private static String describe(Repair repair) {
        return switch (repair.outcome()) {
            case CONDENSED -> "condensed into checkpoint " + repair.checkpoint().orElseThrow()
                    + ", which no commit links ('entire link <commit> " + repair.checkpoint().orElseThrow()
                    + "' links one)";
            case DISCARDED -> "its uncommitted work was discarded";
            case SKIPPED -> "skipped";
            case NOT_STUCK -> "not stuck any more; left as it is";
        };
    }
}
