package io.entire.core.redact;

/** What one redaction pass over a JSONL stream did: lines read, lines changed, secrets replaced. */
public record RedactionResult(long linesIn, long linesRedacted, long secretsFound) {
    public RedactionResult {
        if (linesIn < 0 || linesRedacted < 0 || secretsFound < 0 || linesRedacted > linesIn) {
            throw new IllegalArgumentException("inconsistent counts: linesIn=" + linesIn + " linesRedacted="
                    + linesRedacted + " secretsFound=" + secretsFound);
        }
    }
}
