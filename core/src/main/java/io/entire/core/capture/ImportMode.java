package io.entire.core.capture;

/** How far an import goes. */
public enum ImportMode {
    DRY_RUN,     // matches and reports, writes nothing
    RECORD,      // writes a checkpoint per matched commit, recording the commit in it; no commit is rewritten
    RECORD_AND_LINK   // and adds the trailer to the matched commits no remote has yet
}
