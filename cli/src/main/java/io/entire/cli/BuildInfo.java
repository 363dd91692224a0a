package io.entire.cli;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The program's version and build id, stamped into the jar at build time. */
public record BuildInfo(String version, String build) {
    public BuildInfo {
        requireNonNull(version, "version is null");
        requireNonNull(build, "build is null");
    }

    public static BuildInfo load() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading build.properties", e);
        }
        return new BuildInfo(properties.getProperty("version", "dev"), properties.getProperty("build", "unknown"));
    }

    /** The line {@code entire --version} prints. */
    public String describe() {
        return "entire " + version + " (build " + build + ", Java " + Runtime.version() + ")";
    }
}
