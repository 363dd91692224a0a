package io.entire.core.git;

import io.entire.core.EntireException;
import java.nio.file.Path;
import java.util.List;

/** An external program could not be run to its end: it did not start, or outlived its deadline. */
public final class ExternalProgramException extends EntireException {
    private final Path executable;
    private final String problem;

    public ExternalProgramException(Path executable, List<String> args, String problem, Throwable cause) {
        super(Category.STATE, executable + " " + String.join(" ", args) + ": " + problem, cause);
        this.executable = executable;
        this.problem = problem;
    }

    /** What went wrong, without the program's name. */
    public String problem() {
        return problem;
    }

    /** The program that failed. */
    public Path executable() {
        return executable;
    }
}
