package io.entire.cli;

/**
 * The version and build id, written in by Maven at build time (templating-maven-plugin). Constants of a class rather
 * than a resource: looking a resource up in the jar cost every command and heavy hook ~8 ms.
 */
final class BuildConstants {
    static final String VERSION = "${project.version}";
    static final String BUILD = "${entire.build.id}";

    private BuildConstants() {
    }
}
