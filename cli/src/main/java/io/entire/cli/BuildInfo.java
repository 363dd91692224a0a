package io.entire.cli;

import static java.util.Objects.requireNonNull;

/** The program's version and build id, stamped into the jar at build time. */
public record BuildInfo(String version, String build) {
    public BuildInfo {
        requireNonNull(version, "version is null");
        requireNonNull(build, "build is null");
    }

    public static BuildInfo load() {
        return new BuildInfo(BuildConstants.VERSION, BuildConstants.BUILD);
    }

    /** The line {@code entire --version} prints. */
    public String describe() {
        return "entire " + version + " (build " + build + ", Java " + Runtime.version() + ")";
    }
}
