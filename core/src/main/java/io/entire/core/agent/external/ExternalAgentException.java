package io.entire.core.agent.external;

import io.entire.core.EntireException;
import java.nio.file.Path;

/** An external agent's binary failed a protocol call: it exited non-zero, timed out, or printed something else. */
public final class ExternalAgentException extends EntireException {
    private final Path binary;
    private final String problem;

    public ExternalAgentException(Path binary, String problem) {
        this(binary, problem, null);
    }

    public ExternalAgentException(Path binary, String problem, Throwable cause) {
        super(Category.STATE, "external agent " + binary + ": " + problem, cause);
        this.binary = binary;
        this.problem = problem;
    }

    /** What went wrong, without the binary's name. */
    public String problem() {
        return problem;
    }

    /** The {@code entire-agent-<name>} binary that failed. */
    public Path binary() {
        return binary;
    }
}
