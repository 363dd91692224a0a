package io.entire.cli;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.entire.core.git.BlamedLine;
import io.entire.core.git.CommitSigning;
import io.entire.core.git.Identity;
import io.entire.core.git.LineRange;
import io.entire.core.git.ObjectId;
import io.entire.core.git.RefName;
import io.entire.core.git.Refs;
import io.entire.core.settings.Settings;
import io.entire.core.store.StoreSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The architecture of DESIGN.md as rules over the compiled production classes of both modules: data flows one way
 * (cli, then capture/query/setup/migrate/push, then store and session, then git), only {@code git} starts processes,
 * the library knows nothing of the command line, and the process environment is read at its edges only.
 */
class ArchitectureTest {
    private static final String ENVIRONMENT_EDGE = "io.entire.cli.ProcessEnvironment";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.entire");

    @Test
    void layersDependOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Cli").definedBy("io.entire.cli..")
                .layer("Doctor").definedBy("io.entire.core.doctor..")
                .layer("Workspace").definedBy("io.entire.core.workspace..")
                .layer("Search").definedBy("io.entire.search..")
                .layer("Query").definedBy("io.entire.core.query..")
                .layer("Attribution").definedBy("io.entire.core.attribution..")
                .layer("Recover").definedBy("io.entire.core.recover..")
                .layer("Setup").definedBy("io.entire.core.setup..")
                .layer("Capture").definedBy("io.entire.core.capture..")
                .layer("Migrate").definedBy("io.entire.core.migrate..")
                .layer("Push").definedBy("io.entire.core.push..")
                .layer("Store").definedBy("io.entire.core.store..")
                .layer("Session").definedBy("io.entire.core.session..")
                .layer("Agent").definedBy("io.entire.core.agent..")
                .layer("Settings").definedBy("io.entire.core.settings..")
                .layer("Redact").definedBy("io.entire.core.redact..")
                .layer("Trailers").definedBy("io.entire.core.trailers..")
                .layer("Git").definedBy("io.entire.core.git..")
                .layer("Foundation").definedBy("io.entire.core", "io.entire.core.id..", "io.entire.core.json..",
                        "io.entire.core.model..")
                .whereLayer("Cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("Workspace").mayOnlyBeAccessedByLayers("Cli")
                .whereLayer("Search").mayOnlyAccessLayers("Query", "Store", "Settings", "Trailers", "Git",
                        "Foundation")
                .whereLayer("Attribution").mayOnlyAccessLayers("Agent", "Git", "Store", "Trailers", "Foundation")
                .whereLayer("Doctor").mayOnlyAccessLayers("Agent", "Capture", "Git", "Push", "Redact", "Session",
                        "Settings", "Setup", "Store", "Trailers", "Foundation")
                .whereLayer("Query").mayOnlyAccessLayers("Agent", "Git", "Push", "Redact", "Session", "Settings",
                        "Setup", "Store", "Trailers", "Foundation")
                .whereLayer("Recover").mayOnlyAccessLayers("Agent", "Capture", "Git", "Session", "Store", "Trailers",
                        "Foundation")
                // Uninstalling deletes the shadow branches, which store.shadow names.
                .whereLayer("Setup").mayOnlyAccessLayers("Agent", "Capture", "Git", "Session", "Settings", "Store",
                        "Foundation")
                // Condensation works out who wrote the lines of the commit it writes a checkpoint for.
                .whereLayer("Capture").mayOnlyAccessLayers("Agent", "Attribution", "Git", "Redact", "Session",
                        "Settings", "Store", "Trailers", "Foundation")
                // A migration to refs queues the refs it writes for the next push.
                .whereLayer("Migrate").mayOnlyAccessLayers("Push", "Store", "Git", "Foundation")
                .whereLayer("Push").mayOnlyAccessLayers("Store", "Git", "Foundation")
                .whereLayer("Store").mayOnlyAccessLayers("Git", "Settings", "Trailers", "Foundation")
                // Session state holds prompts, which are redacted before every write.
                .whereLayer("Session").mayOnlyAccessLayers("Agent", "Git", "Redact", "Foundation")
                // An external agent is a binary run through git's process runner, the one place processes start.
                .whereLayer("Agent").mayOnlyAccessLayers("Git", "Foundation")
                .whereLayer("Settings").mayOnlyAccessLayers("Foundation")
                .whereLayer("Redact").mayOnlyAccessLayers("Foundation")
                .whereLayer("Trailers").mayOnlyAccessLayers("Foundation")
                .whereLayer("Git").mayOnlyAccessLayers("Foundation")
                .whereLayer("Foundation").mayNotAccessAnyLayer()
                .check(CLASSES);
    }

    @Test
    void corePackagesHaveNoCycles() {
        slices().matching("io.entire.core.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void onlyTheSearchModuleLoadsLucene() {
        noClasses().that().resideOutsideOfPackage("io.entire.search..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.lucene..")
                .check(CLASSES);
    }

    /** The TOML parser is in the commands' jar, not the hooks' one (cli/pom.xml): one class reads Codex's config. */
    @Test
    void onlyCodexConfigTomlLoadsTheTomlParser() {
        noClasses().that().doNotHaveFullyQualifiedName("io.entire.core.agent.codex.CodexConfigToml")
                .should().dependOnClassesThat().resideInAnyPackage("org.tomlj..", "org.antlr..")
                .check(CLASSES);
    }

    /**
     * Diagnostics go through {@code io.entire.core.Log} to the run's log: java.util.logging would print its two-line
     * format on a user's terminal and cost a hook its start (~3 ms). Only the search module quiets Lucene's use of it.
     */
    @Test
    void nothingLogsThroughJavaUtilLogging() {
        noClasses().that().resideOutsideOfPackage("io.entire.search..")
                .should().dependOnClassesThat().resideInAPackage("java.util.logging..")
                .check(CLASSES);
    }

    @Test
    void theLibraryKnowsNoCommandLine() {
        noClasses().that().resideInAPackage("io.entire.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.entire.cli..", "picocli..")
                .check(CLASSES);
    }

    @Test
    void onlyTheGitPackageStartsProcesses() {
        noClasses().that().resideOutsideOfPackage("io.entire.core.git..")
                .should().dependOnClassesThat().belongToAnyOf(ProcessBuilder.class)
                .orShould().callMethodWhere(target(name("exec")).and(target(owner(JavaClass.Predicates
                        .assignableTo(Runtime.class)))))
                .check(CLASSES);
    }

    /** StoreSet is built one way, by the composition root; a command or hook that built its own could differ. */
    @Test
    void onlyTheWorkspaceOpensStores() {
        noClasses().that().resideOutsideOfPackages("io.entire.core.workspace..", "io.entire.core.store..")
                .should().callMethodWhere(target(owner(JavaClass.Predicates.assignableTo(StoreSet.class)))
                        .and(target(nameMatching("open|forRefsMigration|forV2Migration"))))
                .check(CLASSES);
    }

    /**
     * Commands parse, delegate to the workspace and render: of {@code git} they may name values only. The hook path
     * opens the repository itself, so that a light hook never loads the composition root (HookClassLoadingTest), and
     * reads the staged changes the launcher lists in git's own format; {@code Main} starts git's launch set-up early,
     * the cache trainer builds a scratch repository, and search hands the workspace's repository to the search
     * module, which core's workspace cannot name.
     */
    @Test
    void commandsNameOnlyGitValues() {
        noClasses().that().resideInAPackage("io.entire.cli..")
                .and().haveNameNotMatching("io\\.entire\\.cli\\.(HookEntry|HookStreams|HookContext|GitHooks|AgentHooks"
                        + "|OwedCheckpointHook|LauncherStagedChanges|Main|CacheTraining|SearchCommand)(\\$.*)?")
                .should().dependOnClassesThat(resideInAPackage("io.entire.core.git..")
                        .and(not(belongToAnyOf(RefName.class, ObjectId.class, Identity.class, CommitSigning.class,
                                LineRange.class, BlamedLine.class))))
                .check(CLASSES);
    }

    /** They reach an agent through the SPI in {@code io.entire.core.agent}, never one agent's package. */
    @Test
    void captureStoresAndSessionsKnowNoAgentImplementation() {
        noClasses().that().resideInAnyPackage("io.entire.core.capture..", "io.entire.core.setup..",
                "io.entire.core.query..", "io.entire.core.store..", "io.entire.core.session..",
                "io.entire.core.push..", "io.entire.core.migrate..", "io.entire.core.git..", "io.entire.core.recover..")
                .should().dependOnClassesThat().resideInAPackage("io.entire.core.agent.(*)..")
                .check(CLASSES);
    }

    /** Each storage layout (and the shadow branches) stands on the shared codec alone, never on another layout. */
    @Test
    void storeLayoutsDoNotDependOnEachOther() {
        slices().matching("io.entire.core.store.(*)..").should().notDependOnEachOther().check(CLASSES);
    }

    /** Capture, queries and setup reach checkpoints through StoreSet; only migrate and push work on layouts. */
    @Test
    void onlyMigrationAndPushUseALayoutDirectly() {
        noClasses().that().resideInAnyPackage("io.entire.core.capture..", "io.entire.core.query..",
                "io.entire.core.setup..", "io.entire.core.session..")
                .should().dependOnClassesThat().resideInAnyPackage("io.entire.core.store.branch..",
                        "io.entire.core.store.refs..", "io.entire.core.store.v2..")
                .check(CLASSES);
    }

    /** Capture decides what a snapshot holds; store.shadow moves the shadow branch, compare-and-swap. */
    @Test
    void captureMovesNoRefItself() {
        noClasses().that().resideInAPackage("io.entire.core.capture..")
                .should().callMethodWhere(target(owner(JavaClass.Predicates.assignableTo(Refs.class)))
                        .and(target(nameMatching("update|delete"))))
                .check(CLASSES);
    }

    /** Commands and hooks find an agent through the registry; only the wiring of the stores names one. */
    @Test
    void theCommandLineReachesAgentsThroughTheRegistry() {
        noClasses().that().resideInAPackage("io.entire.cli..")
                .and().doNotHaveFullyQualifiedName("io.entire.cli.CliContext")
                .and().doNotHaveFullyQualifiedName("io.entire.cli.MigrateCommand")
                .should().dependOnClassesThat().resideInAPackage("io.entire.core.agent.(*)..")
                .check(CLASSES);
    }

    /**
     * A served hook runs with its client's environment; reading this JVM's own would silently take the server's. Only
     * the edge that builds a process's {@code Environment} reads the variables and the user's home.
     */
    @Test
    void theProcessEnvironmentIsReadOnlyAtItsEdges() {
        noClasses().that().doNotHaveFullyQualifiedName(ENVIRONMENT_EDGE)
                .should().callMethod(System.class, "getenv")
                .orShould().callMethod(System.class, "getenv", String.class)
                .check(CLASSES);
        classes().that().doNotHaveFullyQualifiedName(ENVIRONMENT_EDGE)
                .should(notNameTheProperty("user.home"))
                .check(CLASSES);
    }

    /** ArchUnit sees no call's arguments; a property named in a class is a string in its constant pool. */
    private static ArchCondition<JavaClass> notNameTheProperty(String property) {
        byte[] name = property.getBytes(StandardCharsets.UTF_8);
        return new ArchCondition<>("not name the system property " + property) {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                URI classFile = javaClass.getSource().orElseThrow().getUri();
                byte[] bytes;
                try (InputStream in = classFile.toURL().openStream()) {
                    bytes = in.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException("reading " + classFile, e);
                }
                if (Collections.indexOfSubList(toList(bytes), toList(name)) >= 0) {
                    events.add(SimpleConditionEvent.violated(javaClass,
                            javaClass.getName() + " names the system property " + property));
                }
            }
        };
    }

    private static List<Byte> toList(byte[] bytes) {
        List<Byte> list = new ArrayList<>(bytes.length);
        for (byte b : bytes) {
            list.add(b);
        }
        return list;
    }
}
