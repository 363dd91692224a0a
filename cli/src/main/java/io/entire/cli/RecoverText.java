package io.entire.cli;

import io.entire.core.recover.TranscriptRestore;
import java.io.PrintWriter;
import java.util.List;

/** The lines rewind and resume print about the transcripts they restored. */
final class RecoverText {
    private RecoverText() {
    }

    static void transcripts(PrintWriter out, List<TranscriptRestore> transcripts) {
        for (TranscriptRestore transcript : transcripts) {
            String what = switch (transcript.outcome()) {
                case WRITTEN -> "written to " + transcript.file() + transcript.backup()
                        .map(backup -> " (the previous one is kept in " + backup + ")").orElse("");
                case UNCHANGED -> "already as wanted at " + transcript.file();
                case KEPT_NEWER -> "kept: " + transcript.file() + " is newer than the stored one (--force replaces"
                        + " it)";
                case UNAVAILABLE -> "not restored: no copy of it with enough lines is left (" + transcript.file()
                        + ")";
            };
            out.println("  session " + transcript.session() + ": transcript " + what);
        }
        if (!transcripts.isEmpty()) {
            out.println("Continue with:");
            for (TranscriptRestore transcript : transcripts) {
                transcript.beforeResuming().ifPresent(command -> out.println("  " + command));
                out.println("  " + transcript.resumeCommand());
            }
        }
    }
}
