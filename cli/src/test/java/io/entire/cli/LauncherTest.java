package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.Changes;
import io.entire.core.git.Git;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code bin/entire} with the JDK running this test: it must run the command, print nothing of its own on stdout, and
 * cope with a start-up cache that is missing, stale, corrupt or cannot be written. The jar under test is assembled
 * from this module's class path (the shaded jar only exists after {@code package}). Two installs, as install.sh leaves
 * them: the launcher as {@code bin/entire} (no C compiler), and the native front as {@code bin/entire} with the
 * launcher beside it, whose hooks go to the hook server.
 */
@DisabledOnOs(OS.WINDOWS)
class LauncherTest {
    private static final Path LAUNCHER = Path.of("").toAbsolutePath().resolveSibling("bin").resolve("entire-launcher");
    private static final long TRAINING_SECONDS = 180;
    /** A server's warm-up runs ~80 capture cycles and commit attempts before its socket takes its name. */
    private static final long SERVER_START_SECONDS = 120;
    /**
     * One per light hook (session-start, user-prompt-submit, prepare-commit-msg, commit-msg), one each for stop and
     * post-commit, one for the rest.
     */
    private static final int CACHES = 8;

    private static final String SESSION = "5f1e0c2a-7b3d-4e8f-9a10-b2c3d4e5f601";

    @TempDir
    static Path shared;
    static Path bin;
    /** The same install with the native front as bin/entire and the launcher beside it (a C compiler's install). */
    static Path servedBin;
    static Path trainedCaches;

    @TempDir
    Path temp;
    Path cacheDir;
    Sandbox workspace;

    /** One install and one foreground training (what install.sh does) for all tests; each test copies the caches. */
    @BeforeAll
    static void install() throws Exception {
        bin = Files.createDirectories(shared.resolve("bin"));
        Files.copy(LAUNCHER, bin.resolve("entire"));
        bin.resolve("entire").toFile().setExecutable(true);
        writeJar(bin.resolve("entire.jar"));
        writeSearchJar(bin.resolve("entire-search.jar"));
        Files.writeString(bin.resolve("entire.release"), "ENTIRE_BUILD=\"test\"\n");
        servedBin = Files.createDirectories(shared.resolve("served-bin"));
        for (String file : List.of("entire.jar", "entire-search.jar", "entire.release")) {
            Files.copy(bin.resolve(file), servedBin.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
        }
        Files.copy(bin.resolve("entire"), servedBin.resolve("entire-launcher"), StandardCopyOption.COPY_ATTRIBUTES);
        HookClientBuild.compile(servedBin.resolve("entire"));
        trainedCaches = shared.resolve("trained").resolve("entire");
        Launch train = launch(bin, shared, trainedCaches, Map.of("ENTIRE_STARTUP_CACHE", "train"));
        assertThat(train.exitCode()).as("training: %s %s", train.err(), logs(trainedCaches)).isZero();
        assertThat(train.out()).isEmpty();
        assertThat(caches(trainedCaches)).hasSize(CACHES)
                .allMatch(cache -> cache.getFileName().toString().startsWith("entire-test-"));
    }

    @BeforeEach
    void setUp() {
        cacheDir = temp.resolve("cache").resolve("entire");
        workspace = new Sandbox(temp.resolve("workspace")).commit("Say hello");
    }

    /**
     * The servers, trainers and launchers about to start a server that a test's launches left: they would write into
     * its cache folder while JUnit removes it. Only processes of this build's files (never this JVM, whose pid one
     * test writes into a pid file).
     */
    @AfterEach
    void endBackgroundProcesses() throws IOException, InterruptedException {
        for (Path record : files(cacheDir, ".pid", ".training", ".lock")) {
            String[] fields;
            try {
                fields = Files.readString(record).strip().split(" ");
            } catch (NoSuchFileException gone) {
                continue;   // its process ended meanwhile
            }
            if (fields[0].isEmpty() || !fields[0].chars().allMatch(Character::isDigit)) {
                continue;
            }
            Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(fields[0]))
                    .filter(found -> found.pid() != ProcessHandle.current().pid())
                    .filter(found -> found.info().commandLine().orElse("").contains(shared.toString()));
            if (process.isPresent()) {
                process.get().destroy();
                awaitGone(process.get().pid());
            }
        }
    }

    @Test
    void trainsMissingCachesInTheBackground() throws Exception {
        Launch launch = launch(Map.of(), "--version");

        assertThat(launch.exitCode()).as(launch.err()).isZero();
        assertThat(launch.out()).startsWith("entire ").hasLineCount(1);
        assertThat(launch.err()).isEmpty();
        assertThat(awaitCaches()).hasSize(CACHES);
    }

    @Test
    void usesTrainedCaches() throws Exception {
        copyTrainedCaches();
        Path log = temp.resolve("classes.log");

        Launch launch = launch(Map.of("ENTIRE_JAVA_OPTS", "-Xlog:class+load=info:file=" + log), "--version");

        assertThat(launch.exitCode()).as(launch.err()).isZero();
        assertThat(launch.out()).startsWith("entire ").hasLineCount(1);
        assertThat(Files.readAllLines(log)).anyMatch(line -> line.contains(" io.entire.cli.Main source: shared"))
                .as("a class of ours from the jar opens it: ~10 ms on JDK 25")
                .noneMatch(line -> line.contains(" io.entire.") && line.contains(" source: file:"));
    }

    @Test
    void aSearchInAJvmOfItsOwnFindsLucenesClassesInACacheTheOtherCommandsDoNotMap() throws Exception {
        copyTrainedCaches();
        Path log = temp.resolve("classes.log");

        Launch launch = launch(Map.of("ENTIRE_JAVA_OPTS", "-Xlog:class+load=info:file=" + log), "search", "--reindex",
                "hello");

        assertThat(launch.exitCode()).as(launch.err()).isZero();
        assertThat(Files.readAllLines(log))
                .anyMatch(line -> line.contains(" org.apache.lucene.index.IndexWriter source: shared"))
                .as("Lucene's classes from the jar are read and verified at every search")
                .noneMatch(line -> (line.contains(" io.entire.") || line.contains(" org.apache.lucene."))
                        && line.contains(" source: file:"));
        Map<String, String> flags = Map.of("ENTIRE_JAVA_OPTS", "-XX:+PrintCommandLineFlags");
        assertThat(launch(flags, "search", "hello").err()).as("the JVM's flags name the cache it maps")
                .containsPattern("entire-[^ ]*-search-");
        assertThat(launch(flags, "--version").err()).as("Lucene's classes cost every command of a cache its start-up")
                .containsPattern("entire-[^ ]*-full-").doesNotContainPattern("entire-[^ ]*-search-");
    }

    @Test
    void hookPrintsNothingOnStdoutWithOrWithoutCache() throws Exception {
        Path message = Files.writeString(temp.resolve("COMMIT_EDITMSG"), "Say hello\n");
        String[] hook = {"hooks", "git", "commit-msg", message.toString()};
        Launch uncached = launch(Map.of("ENTIRE_STARTUP_CACHE", "off"), hook);
        copyTrainedCaches();
        Launch cached = launch(Map.of(), hook);

        assertThat(List.of(uncached, cached)).allSatisfy(launch -> {
            assertThat(launch.exitCode()).isZero();
            assertThat(launch.out()).isEmpty();
        });
    }

    @Test
    void aHookWhoseOwnCacheFailedToTrainUsesTheCommandsCache() throws Exception {
        Files.createDirectories(cacheDir);
        Path full = caches(trainedCaches).stream().filter(cache -> cache.getFileName().toString().contains("-full-"))
                .findFirst().orElseThrow();
        Files.copy(full, cacheDir.resolve(full.getFileName()));
        String own = full.getFileName().toString().replace("-full-", "-commit-msg-");
        Files.writeString(cacheDir.resolve(own + ".failed"), "");   // and not retried until the jar changes
        Path message = Files.writeString(temp.resolve("COMMIT_EDITMSG"), "Say hello\n");
        Path log = temp.resolve("classes.log");

        Launch launch = launch(Map.of("ENTIRE_JAVA_OPTS", "-Xlog:class+load=info:file=" + log
                + " -XshowSettings:properties"), "hooks", "git", "commit-msg", message.toString());

        assertThat(launch.exitCode()).as(launch.err()).isZero();
        assertThat(launch.out()).isEmpty();
        assertThat(Files.readAllLines(log)).anyMatch(line -> line.contains(" io.entire.cli.Main source: shared"));
        assertThat(classPath(launch)).as("the class path the commands' cache was recorded with")
                .containsExactly(bin.resolve("entire.jar").toString(), bin.resolve("entire-search.jar").toString());
        assertThat(caches(cacheDir)).as("nothing trained").hasSize(1);
        assertThat(hasLock(cacheDir)).isFalse();
    }

    @Test
    void noSecondTrainerStartsWhileOneRecordsTheCaches() throws Exception {
        Files.createDirectories(cacheDir);
        String full = caches(trainedCaches).stream().map(cache -> cache.getFileName().toString())
                .filter(name -> name.contains("-full-")).findFirst().orElseThrow();
        String training = full.replace("-full-", "-").replaceAll("\\.(aot|jsa)$", ".training");
        Files.writeString(cacheDir.resolve(training), ProcessHandle.current().pid() + "\n");   // a live process

        Launch launch = launch(Map.of(), "--version");
        Thread.sleep(2000);   // time enough for a detached trainer to take its first lock

        assertThat(launch.exitCode()).as(launch.err()).isZero();
        assertThat(hasLock(cacheDir)).isFalse();
        assertThat(caches(cacheDir)).isEmpty();
    }

    @Test
    void corruptCacheIsIgnoredSilently() throws Exception {
        for (Path cache : copyTrainedCaches()) {
            byte[] garbage = new byte[64 * 1024];
            new Random(7).nextBytes(garbage);
            Files.write(cache, garbage);
        }

        Launch launch = launch(Map.of(), "--version");

        assertThat(launch.exitCode()).as(launch.err()).isZero();
        assertThat(launch.out()).startsWith("entire ").hasLineCount(1);
        assertThat(launch.err()).isEmpty();
    }

    @Test
    void cacheOlderThanTheJarIsNotUsedAndIsRetrained() throws Exception {
        FileTime jarTime = Files.getLastModifiedTime(bin.resolve("entire.jar"));
        FileTime before = FileTime.from(jarTime.toInstant().minusSeconds(60));
        for (Path cache : copyTrainedCaches()) {
            Files.setLastModifiedTime(cache, before);
        }
        Path log = temp.resolve("classes.log");

        Launch launch = launch(Map.of("ENTIRE_JAVA_OPTS", "-Xlog:class+load=info:file=" + log), "--version");

        assertThat(launch.exitCode()).as(launch.err()).isZero();
        assertThat(launch.out()).startsWith("entire ");
        assertThat(Files.readAllLines(log)).noneMatch(line -> line.contains(" io.entire.cli.Main source: shared"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TRAINING_SECONDS);
        while ((hasLock(cacheDir) || caches(cacheDir).stream().anyMatch(cache -> modified(cache).equals(before)))
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(caches(cacheDir)).hasSize(CACHES).noneMatch(cache -> modified(cache).equals(before));
    }

    @Test
    void unwritableCacheDirectoryIsNoProblem() throws Exception {
        Path notADirectory = Files.writeString(temp.resolve("not-a-directory"), "");
        Map<String, String> env = Map.of("XDG_CACHE_HOME", notADirectory.resolve("cache").toString());

        Launch launch = launch(env, "--version");
        Launch again = launch(env, "--version");

        assertThat(List.of(launch, again)).allSatisfy(run -> {
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).startsWith("entire ").hasLineCount(1);
            assertThat(run.err()).isEmpty();
        });
    }

    @Test
    void hooksStartAServerInTheBackgroundAndThenGoThroughIt() throws Exception {
        String[] hook = servableHook();
        Path servedLog = temp.resolve("served.log");
        Path ownLog = temp.resolve("own.log");

        Launch first = launch(servedBin, Map.of(), hook);
        Path socket = awaitFile(cacheDir, ".sock");
        Launch served = launch(servedBin, Map.of("ENTIRE_JAVA_OPTS", "-Xlog:class+load=info:file=" + servedLog), hook);
        Launch off = launch(servedBin, Map.of("ENTIRE_HOOK_SERVER", "off",
                "ENTIRE_JAVA_OPTS", "-Xlog:class+load=info:file=" + ownLog), hook);
        long server = Long.parseLong(Files.readString(Path.of(socket + ".pid")).strip().split(" ")[0]);
        Files.delete(socket);   // as install.sh removes the files of the build it replaces

        assertThat(List.of(first, served, off)).allSatisfy(launch -> {
            assertThat(launch.exitCode()).as(launch.err()).isZero();
            assertThat(launch.out()).isEmpty();
            assertThat(launch.err()).isEmpty();
        });
        assertThat(servedLog).as("no JVM started for the served hook").doesNotExist();
        assertThat(ownLog).as("a JVM of its own with the server turned off").exists();
        assertThat(awaitGone(server)).as("server left").isTrue();
    }

    @Test
    void theServerAHookStartsStartsOnlyOnceThatHookHasEnded() throws Exception {
        String[] hook = servableHook();
        Path logs = Files.createDirectories(temp.resolve("jvm-logs"));

        // Every JVM logs its class loading, with the wall-clock time, to a file named by its pid.
        Launch first = launch(servedBin, Map.of("ENTIRE_JAVA_OPTS",
                "-Xlog:class+load=info:file=" + logs.resolve("%p.log") + ":utctime"), hook);
        Path socket = awaitFile(cacheDir, ".sock");
        long server = Long.parseLong(Files.readString(Path.of(socket + ".pid")).strip().split(" ")[0]);
        Files.delete(socket);

        assertThat(first.exitCode()).as(first.err()).isZero();
        Path serverLog = logs.resolve(server + ".log");
        Instant serverStarted = loggedAt(Files.readAllLines(serverLog).get(0));
        List<Path> hookLogs = files(logs, ".log").stream().filter(log -> !log.equals(serverLog)).toList();
        assertThat(hookLogs).as("the hook's own JVM").hasSize(1);
        List<String> hookLines = Files.readAllLines(hookLogs.get(0));
        assertThat(serverStarted).as("the server's JVM started after the hook that found none had ended")
                .isAfter(loggedAt(hookLines.get(hookLines.size() - 1)));
        awaitGone(server);
    }

    /** Waits up to 20 s for a server whose socket is gone to leave; whether it left. */
    private static boolean awaitGone(long server) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (ProcessHandle.of(server).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return !ProcessHandle.of(server).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The time of a line logged with -Xlog's utctime decoration. */
    private static Instant loggedAt(String line) {
        return Instant.from(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
                .parse(line.substring(1, line.indexOf(']'))));
    }

    @Test
    void readOnlyCommandsStartAServerAsHooksDoAndGoThroughItButNotWhenItIsOff() throws Exception {
        copyTrainedCaches();
        Path servedLog = temp.resolve("served.log");
        Path pushLog = temp.resolve("push.log");

        Launch off = launch(servedBin, Map.of("ENTIRE_HOOK_SERVER", "off"), "checkpoint", "list");
        assertThat(files(cacheDir, ".sock", ".pid")).as("no server where the user turned it off").isEmpty();
        Launch first = launch(servedBin, Map.of(), "checkpoint", "list");
        Path socket = awaitFile(cacheDir, ".sock");
        awaitListening(socket);
        Launch served = launch(servedBin, Map.of("ENTIRE_JAVA_OPTS", "-Xlog:class+load=info:file=" + servedLog),
                "checkpoint", "list");
        Launch push = launch(servedBin, Map.of("ENTIRE_JAVA_OPTS", "-Xlog:class+load=info:file=" + pushLog),
                "checkpoint", "push");
        long server = Long.parseLong(Files.readString(Path.of(socket + ".pid")).strip().split(" ")[0]);
        Files.delete(socket);

        assertThat(off.exitCode()).as(off.err()).isZero();
        assertThat(off.out() + off.err()).isNotBlank();
        assertThat(List.of(first, served)).allSatisfy(launch -> assertThat(launch).isEqualTo(off));
        assertThat(servedLog).as("no JVM started for the served command").doesNotExist();
        assertThat(pushLog).as("checkpoint push runs in a JVM of its own").exists();
        assertThat(push.err()).doesNotContain("hook server", "usage");
        awaitGone(server);
    }

    @Test
    void aStoppedServerLetsALightHookRunInAJvmOfItsOwnOnceAndNeverRunsItOnResuming() throws Exception {
        copyTrainedCaches();
        Files.createDirectories(workspace.repo.resolve(".entire"));
        Files.writeString(workspace.repo.resolve(".entire/settings.json"), "{\"enabled\": true}\n");
        Launch first = promptThroughLauncher("Start the server");
        assertThat(first.exitCode()).as(first.err()).isZero();
        Path socket = awaitFile(cacheDir, ".sock");
        awaitListening(socket);
        long server = Long.parseLong(Files.readString(Path.of(socket + ".pid")).strip().split(" ")[0]);

        signal("STOP", server);
        Launch stopped;
        try {
            stopped = promptThroughLauncher("While the server is stopped");
        } finally {
            signal("CONT", server);
        }

        assertThat(stopped.exitCode()).as(stopped.err()).isZero();
        assertThat(stopped.err().lines()).as(stopped.err()).singleElement().asString()
                .contains("hook server did not take");
        assertThat(occurrences(sessionState(), "While the server is stopped")).as("run in a JVM of its own").isOne();
        // Resumed, the server reads the request the client gave up on: it must not run that hook a second time.
        awaitLine(Path.of(socket + ".log"), "stopped waiting");
        Launch afterwards = promptThroughLauncher("After the server resumed");
        assertThat(afterwards.exitCode()).as(afterwards.err()).isZero();
        assertThat(afterwards.err()).isEmpty();
        assertThat(occurrences(sessionState(), "While the server is stopped")).isOne();
        assertThat(occurrences(sessionState(), "After the server resumed")).isOne();
        Files.delete(socket);
        // It snapshots the work tree after it answered the prompt: the repository goes only once the server has left.
        awaitGone(server);
    }

    @Test
    void aPidFileNamesTheServerByPidAndStartTime() throws Exception {
        String[] hook = servableHook();
        Path socket = cacheDir.resolve("entire-test-" + Runtime.version().feature() + ".sock");
        Path pidFile = Path.of(socket + ".pid");
        long pid = ProcessHandle.current().pid();
        String[] stat = Files.readString(Path.of("/proc/" + pid + "/stat")).replaceFirst("^.*\\) ", "").split(" ");

        // This JVM as a server starting: the hook runs in a JVM of its own, and no second server starts.
        Files.writeString(pidFile, pid + " " + stat[19] + "\n");
        Launch starting = launch(servedBin, Map.of(), hook);
        Thread.sleep(2000);
        assertThat(starting.exitCode()).as(starting.err()).isZero();
        assertThat(files(cacheDir, ".sock")).isEmpty();

        // A server died and left its pid file; the pid now belongs to another process, which started later.
        Files.writeString(pidFile, pid + " 1\n");
        Launch afterDeath = launch(servedBin, Map.of(), hook);
        assertThat(afterDeath.exitCode()).as(afterDeath.err()).isZero();
        assertThat(awaitFile(cacheDir, ".sock")).isEqualTo(socket);
        Files.delete(socket);
    }

    @Test
    void onJdk25HooksAndCommandsUseTheirAotCacheWithoutReplayingProfilesAndLightHooksCompileLess() throws Exception {
        String java = jdk(25).toString();
        Launch train = launch(bin, Map.of("ENTIRE_JAVA", java, "ENTIRE_STARTUP_CACHE", "train"));
        assertThat(train.exitCode()).as("training: %s %s", train.err(), logs(cacheDir)).isZero();
        Path message = Files.writeString(temp.resolve("COMMIT_EDITMSG"), "Say hello\n");
        Path log = temp.resolve("classes.log");
        String flags = "-XX:+PrintFlagsFinal -Xlog:class+load=info:file=" + log;

        Launch hook = launch(bin, Map.of("ENTIRE_JAVA", java, "ENTIRE_JAVA_OPTS", flags), "hooks", "git",
                "commit-msg", message.toString());
        List<String> hookClasses = Files.readAllLines(log);
        Launch command = launch(bin, Map.of("ENTIRE_JAVA", java, "ENTIRE_JAVA_OPTS", flags), "--version");

        assertThat(List.of(hook, command)).allSatisfy(launch -> {
            assertThat(launch.exitCode()).as(launch.err()).isZero();
            assertThat(launch.err().lines()).as("the flags the JVM ran with").anyMatch(line -> line.matches(
                    "\\s*bool AOTReplayTraining\\s+= false\\s+\\{diagnostic} \\{command line}"));
        });
        assertThat(hook.out()).isEmpty();
        assertThat(hook.err().lines()).as("a light hook compiles less").anyMatch(line -> line.matches(
                "\\s*double CompileThresholdScaling\\s+= 10\\.0+\\s+\\{product} \\{command line}"));
        assertThat(command.out()).startsWith("entire ");
        assertThat(command.err().lines()).noneMatch(line -> line.contains("CompileThresholdScaling")
                && line.contains("{command line}"));
        assertThat(List.of(hookClasses, Files.readAllLines(log))).allSatisfy(classes -> assertThat(classes)
                .anyMatch(line -> line.contains(" io.entire.cli.Main source: shared")));
    }

    /**
     * A cache is mapped where it was recorded, not relocated (2-3 ms of a light hook), and before JDK 25 the JVM runs
     * G1, the only collector for which a JDK 17 archive holds heap objects: the module graph comes from the archive.
     */
    @Test
    void aHookMapsItsCacheWhereItWasRecordedWithTheArchivedModuleGraph() throws Exception {
        copyTrainedCaches();
        Path message = Files.writeString(temp.resolve("COMMIT_EDITMSG"), "Say hello\n");
        Path log = temp.resolve("archive.log");
        int feature = Runtime.version().feature();
        String tag = feature >= 25 ? "aot" : "cds";

        Launch hook = launch(Map.of("ENTIRE_JAVA_OPTS", "-XX:+PrintFlagsFinal -Xlog:" + tag + "=info:file=" + log),
                "hooks", "git", "commit-msg", message.toString());

        assertThat(hook.exitCode()).as(hook.err()).isZero();
        assertThat(hook.out()).isEmpty();
        Assumptions.assumeTrue(feature <= 25, "the flag is given to the JDKs it was measured on");
        assertThat(hook.err().lines()).as("the flags the JVM ran with").anyMatch(line -> line.matches(
                "\\s*\\w+ ArchiveRelocationMode\\s+= 0\\s+\\{diagnostic} \\{command line}"))
                .anyMatch(line -> line.matches("\\s*bool " + (feature >= 25 ? "UseSerialGC" : "UseG1GC")
                        + "\\s+= true\\s+\\{product} \\{command line}"));
        assertThat(Files.readAllLines(log)).noneMatch(line -> line.contains("map archive(s) at an alternative address"))
                .anyMatch(line -> line.contains("full module graph: enabled"));
    }

    /**
     * A class of ours missing from a light hook's cache makes the JVM open the jar and read its whole directory
     * (thousands of entries, Lucene's among them) and verify the class: ~10 ms of a hook. Hooks often find the mark
     * of a commit attempt that was given up (an empty message, a failing commit-msg hook) or not yet completed.
     */
    @Test
    void lightHooksFindEveryClassOfOursInTheirCacheWhenACommitAttemptLeftItsCheckpointOwed() throws Exception {
        Files.createDirectories(workspace.repo.resolve(".entire"));
        Files.writeString(workspace.repo.resolve(".entire/settings.json"), "{\"enabled\": true}\n");
        Map<String, String> uncached = Map.of("ENTIRE_STARTUP_CACHE", "off", "ENTIRE_NO_TTY", "1");
        String payload = workspace.userPromptPayload(SESSION);
        assertThat(launchWithInput(bin, uncached, payload, "hooks", "claude-code", "user-prompt-submit").exitCode())
                .isZero();
        Files.writeString(workspace.repo.resolve("main.go"), "package main\n");
        workspace.git.run("add", "main.go");
        Path message = Files.writeString(temp.resolve("COMMIT_EDITMSG"), "Say hello\n");
        assertThat(launch(bin, uncached, "hooks", "git", "prepare-commit-msg", message.toString(), "message")
                .exitCode()).isZero();   // and no commit was made
        assertThat(workspace.repo.resolve(".git/entire-owed")).isNotEmptyDirectory();
        copyTrainedCaches();
        Path log = temp.resolve("classes.log");
        Map<String, String> cached = Map.of("ENTIRE_NO_TTY", "1", "ENTIRE_JAVA_OPTS",
                "-Xlog:class+load=info:file=" + log);

        Map<String, List<String>> outsideTheCache = new HashMap<>();
        for (List<String> hook : List.of(List.of("session-start"), List.of("user-prompt-submit"),
                List.of("prepare-commit-msg", message.toString(), "message"),
                List.of("commit-msg", message.toString()))) {
            Files.writeString(message, "Say hello\n");
            Files.deleteIfExists(log);
            List<String> args = new ArrayList<>(List.of("hooks",
                    hook.get(0).contains("commit") ? "git" : "claude-code"));
            args.addAll(hook);
            Launch launch = launchWithInput(bin, cached, payload.replace("UserPromptSubmit",
                    hook.get(0).equals("session-start") ? "SessionStart" : "UserPromptSubmit"),
                    args.toArray(String[]::new));
            assertThat(launch.exitCode()).as(launch.err()).isZero();
            outsideTheCache.put(hook.get(0), Files.readAllLines(log).stream()
                    .filter(line -> line.contains(" io.entire.") && !line.contains(" source: shared objects file"))
                    .toList());
        }

        assertThat(outsideTheCache).allSatisfy((hook, lines) -> assertThat(lines).as(hook).isEmpty());
    }

    /**
     * The stop that records a turn's step and the post-commit that condenses it into a checkpoint, each in a JVM of
     * its own, find every class of ours in their caches: the caches must be recorded from hooks that did that work,
     * not from a turn that changed nothing.
     */
    @Test
    void heavyHooksFindEveryClassOfOursInTheirCacheWhenTheyRecordAStepAndACheckpoint() throws Exception {
        Files.createDirectories(workspace.repo.resolve(".entire"));
        Files.writeString(workspace.repo.resolve(".entire/settings.json"), "{\"enabled\": true}\n");
        Path transcript = workspace.transcript(SESSION, "");
        String payload = workspace.userPromptPayload(SESSION).replace("{", "{\"transcript_path\":\""
                + transcript + "\",");
        Map<String, String> uncached = Map.of("ENTIRE_STARTUP_CACHE", "off", "ENTIRE_NO_TTY", "1",
                "CLAUDE_CONFIG_DIR", workspace.claudeConfig.toString(), "ENTIRE_BACKGROUND_PACK", "off");
        assertThat(launchWithInput(bin, uncached, payload, "hooks", "claude-code", "user-prompt-submit").exitCode())
                .isZero();
        Files.writeString(transcript, Files.readString(
                Sandbox.FIXTURES.resolve("claude-code").resolve(Sandbox.SESSION_A + ".jsonl")));
        Files.writeString(workspace.repo.resolve("main.go"), "package main\n");
        copyTrainedCaches();
        Path log = temp.resolve("classes.log");
        Map<String, String> cached = new HashMap<>(uncached);
        cached.remove("ENTIRE_STARTUP_CACHE");
        cached.put("ENTIRE_JAVA_OPTS", "-Xlog:class+load=info:file=" + log);

        Launch stop = launchWithInput(bin, cached, payload.replace("UserPromptSubmit", "Stop"), "hooks",
                "claude-code", "stop");
        List<String> stopOutside = classesOfOursOutsideTheCache(log);
        workspace.git.run("add", "main.go");
        Path message = Files.writeString(temp.resolve("COMMIT_EDITMSG"), "Say hello\n");
        assertThat(launch(bin, uncached, "hooks", "git", "prepare-commit-msg", message.toString(), "message")
                .exitCode()).isZero();
        workspace.git.run("-c", "core.hooksPath=/dev/null", "commit", "-q", "-F", message.toString());
        Files.delete(log);
        Launch postCommit = launch(bin, cached, "hooks", "git", "post-commit");
        List<String> postCommitOutside = classesOfOursOutsideTheCache(log);

        assertThat(List.of(stop, postCommit)).allSatisfy(launch -> assertThat(launch.exitCode()).as(launch.err())
                .isZero());
        assertThat(workspace.headMessage()).contains("Entire-Checkpoint: ");
        assertThat(workspace.checkpointTip()).as("the post-commit wrote the checkpoint").isNotEmpty();
        assertThat(stopOutside).as("stop").isEmpty();
        assertThat(postCommitOutside).as("post-commit").isEmpty();
    }

    /**
     * {@code attach --force} run by an agent in a repository Entire never saw: it writes the checkpoint and links HEAD
     * to it, with no class of ours read from the jar (which opens it). Lambdas are left out: JDK 17 sometimes spins
     * one afresh that its archive holds when two threads start their first git process at once.
     */
    @Test
    void attachFindsEveryClassOfOursInTheCommandsCacheWhenItLinksHead() throws Exception {
        Files.writeString(workspace.transcript(SESSION, ""), Files.readString(
                Sandbox.FIXTURES.resolve("claude-code").resolve(Sandbox.SESSION_A + ".jsonl")));
        copyTrainedCaches();
        Path log = temp.resolve("classes.log");

        Launch attach = launch(bin, Map.of("CLAUDE_CONFIG_DIR", workspace.claudeConfig.toString(), "ENTIRE_NO_TTY", "1",
                "ENTIRE_BACKGROUND_PACK", "off", "ENTIRE_JAVA_OPTS", "-Xlog:class+load=info:file=" + log),
                "attach", SESSION, "--force");

        assertThat(attach.exitCode()).as(attach.err()).isZero();
        assertThat(workspace.headMessage()).contains("Entire-Checkpoint: ");
        assertThat(classesOfOursOutsideTheCache(log)).noneMatch(line -> line.contains(" source: file:"));
    }

    private static List<String> classesOfOursOutsideTheCache(Path classLoadingLog) throws IOException {
        return Files.readAllLines(classLoadingLog).stream()
                .filter(line -> line.contains(" io.entire.") && !line.contains(" source: shared objects file"))
                .toList();
    }

    @Test
    void prepareCommitMsgTakesTheStagedChangesFromTheLauncherAndStartsNoProcess() throws Exception {
        Files.createDirectories(workspace.repo.resolve(".entire"));
        Files.writeString(workspace.repo.resolve(".entire/settings.json"), "{\"enabled\": true}\n");
        String payload = workspace.userPromptPayload(SESSION);
        Map<String, String> uncached = Map.of("ENTIRE_STARTUP_CACHE", "off", "ENTIRE_NO_TTY", "1");
        assertThat(launchWithInput(bin, uncached, payload, "hooks", "claude-code", "user-prompt-submit").exitCode())
                .isZero();
        Files.writeString(workspace.repo.resolve("main.go"), "package main\n");
        workspace.git.run("add", "main.go");   // the agent's turn wrote it; the commit takes it
        Path message = Files.writeString(temp.resolve("COMMIT_EDITMSG"), "Say hello\n");
        Path log = temp.resolve("classes.log");

        Launch prepare = launch(bin, Map.of("ENTIRE_STARTUP_CACHE", "off", "ENTIRE_NO_TTY", "1",
                "ENTIRE_JAVA_OPTS", "-Xlog:class+load=info:file=" + log), "hooks", "git", "prepare-commit-msg",
                message.toString(), "message");

        assertThat(prepare.exitCode()).as(prepare.err()).isZero();
        assertThat(prepare.out()).isEmpty();
        assertThat(Files.readString(message)).as("linked").containsPattern("\nEntire-Checkpoint: [0-9a-f]{12}\n");
        assertThat(Files.readAllLines(log)).as("git ran in the launcher, not in the JVM")
                .noneMatch(line -> line.contains(" java.lang.ProcessImpl "));
    }

    @Test
    void aPromptTakesTheWorkTreeTheLauncherStagedAndStartsNoProcess() throws Exception {
        promptTakesTheWorkTreeTheLauncherStaged(workspace.repo);
    }

    @Test
    void aPromptInARepositoryReachedThroughASymbolicLinkTakesTheWorkTreeTheLauncherStaged() throws Exception {
        promptTakesTheWorkTreeTheLauncherStaged(Files.createSymbolicLink(temp.resolve("linked"), workspace.repo));
    }

    /** The shell's working directory is {@code directory} as it was reached, as a user's shell passes it on. */
    private void promptTakesTheWorkTreeTheLauncherStaged(Path directory) throws Exception {
        Files.createDirectories(workspace.repo.resolve(".entire"));
        Files.writeString(workspace.repo.resolve(".entire/settings.json"), "{\"enabled\": true}\n");
        String payload = workspace.userPromptPayload(SESSION);
        Map<String, String> uncached = Map.of("ENTIRE_STARTUP_CACHE", "off", "ENTIRE_NO_TTY", "1",
                "PWD", directory.toString());
        assertThat(launch(bin, directory, cacheDir, uncached, payload,
                new String[] {"hooks", "claude-code", "user-prompt-submit"}).exitCode())
                .isZero();   // the session's first prompt: its start lists the untracked files
        Files.writeString(workspace.repo.resolve("notes.txt"), "written before the turn\n");
        Path log = temp.resolve("classes.log");

        Launch prompt = launch(bin, directory, cacheDir, Map.of("ENTIRE_STARTUP_CACHE", "off", "ENTIRE_NO_TTY", "1",
                "PWD", directory.toString(), "ENTIRE_JAVA_OPTS", "-Xlog:class+load=info:file=" + log),
                payload.replace("Say hello", "Add notes"), new String[] {"hooks", "claude-code", "user-prompt-submit"});

        assertThat(prompt.exitCode()).as(prompt.err()).isZero();
        assertThat(prompt.out()).isEmpty();
        assertThat(Files.readAllLines(log)).as("git ran in the launcher, not in the JVM")
                .noneMatch(line -> line.contains(" java.lang.ProcessImpl "));
        Path sessions = workspace.repo.resolve(".git/entire-sessions");
        Path turnStart = sessions.resolve(SESSION + ".turn-start.index");
        assertThat(new Git(workspace.repo, Map.of("GIT_INDEX_FILE", turnStart.toString())).run("ls-files").text())
                .as("the turn's start has the work tree as it was").contains("notes.txt");
        try (Stream<Path> files = Files.list(sessions)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .noneMatch(name -> name.startsWith("launcher-"));
        }
        assertThat(Files.readString(sessions.resolve(SESSION + ".json"))).contains("Add notes");
    }

    @Test
    void aPromptWhereEntireIsOffStagesNothingAndLeavesNothing() throws Exception {
        Files.createDirectories(workspace.repo.resolve(".entire"));
        Files.writeString(workspace.repo.resolve(".entire/settings.json"), "{\"enabled\": true}\n");
        String payload = workspace.userPromptPayload(SESSION);
        Path calls = temp.resolve("git-calls");
        Map<String, String> uncached = Map.of("ENTIRE_STARTUP_CACHE", "off", "ENTIRE_NO_TTY", "1",
                "PATH", loggingGit(calls) + ":" + System.getenv("PATH"));
        assertThat(launchWithInput(bin, uncached, payload, "hooks", "claude-code", "user-prompt-submit").exitCode())
                .isZero();
        assertThat(Files.readString(calls)).as("the launcher staged the turn's start").contains(" add --all");
        Files.writeString(workspace.repo.resolve(".entire/settings.json"), "{\n  \"enabled\": false\n}\n");
        Files.delete(calls);

        Launch prompt = launchWithInput(bin, uncached, payload, "hooks", "claude-code", "user-prompt-submit");

        assertThat(prompt.exitCode()).as(prompt.err()).isZero();
        assertThat(calls).as("no git for a repository where Entire is off").doesNotExist();
        try (Stream<Path> files = Files.list(workspace.repo.resolve(".git/entire-sessions"))) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .noneMatch(name -> name.startsWith("launcher-"));
        }
    }

    @Test
    void aServedPrepareCommitMsgTakesTheStagedChangesFromTheLauncherAndTheServerStartsNoGit() throws Exception {
        copyTrainedCaches();   // else a trainer writes into the cache folder until after the test has ended
        Files.createDirectories(workspace.repo.resolve(".entire"));
        Files.writeString(workspace.repo.resolve(".entire/settings.json"), "{\"enabled\": true}\n");
        Path calls = temp.resolve("git-calls");
        Map<String, String> env = Map.of("ENTIRE_NO_TTY", "1", "PATH", loggingGit(calls) + ":" + System.getenv("PATH"));
        String payload = workspace.userPromptPayload(SESSION);
        assertThat(launchWithInput(servedBin, env, payload, "hooks", "claude-code", "user-prompt-submit").exitCode())
                .isZero();   // a turn under way, and a server starting in the background
        Path socket = awaitFile(cacheDir, ".sock");
        long server = Long.parseLong(Files.readString(Path.of(socket + ".pid")).strip().split(" ")[0]);
        Files.writeString(workspace.repo.resolve("main.go"), "package main\n");
        workspace.git.run("add", "main.go");
        Path message = Files.writeString(temp.resolve("COMMIT_EDITMSG"), "Say hello\n");
        Path log = temp.resolve("classes.log");
        Files.deleteIfExists(calls);   // the server's warm-up runs git too

        Map<String, String> served = new HashMap<>(env);
        served.put("ENTIRE_JAVA_OPTS", "-Xlog:class+load=info:file=" + log);
        Launch prepare = launch(servedBin, served, "hooks", "git", "prepare-commit-msg", message.toString(), "message");
        Files.delete(socket);

        assertThat(prepare.exitCode()).as(prepare.err()).isZero();
        assertThat(prepare.out() + prepare.err()).isEmpty();
        assertThat(log).as("served: no JVM started for the hook").doesNotExist();
        assertThat(Files.readString(message)).as("linked").containsPattern("\nEntire-Checkpoint: [0-9a-f]{12}\n");
        assertThat(Files.readAllLines(calls)).as("git listed the staged changes for the launcher, not the server")
                .anyMatch(line -> line.contains(" diff --cached "))
                .noneMatch(line -> line.startsWith(server + " "));
        awaitGone(server);
    }

    @Test
    void aPrepareCommitMsgTheServerDoesNotTakeIsLinkedOnceByTheLaunchersJvm() throws Exception {
        copyTrainedCaches();
        Files.createDirectories(workspace.repo.resolve(".entire"));
        Files.writeString(workspace.repo.resolve(".entire/settings.json"), "{\"enabled\": true}\n");
        assertThat(promptThroughLauncher("Add main.go").exitCode()).isZero();
        Path socket = awaitFile(cacheDir, ".sock");
        awaitListening(socket);
        long server = Long.parseLong(Files.readString(Path.of(socket + ".pid")).strip().split(" ")[0]);
        Files.writeString(workspace.repo.resolve("main.go"), "package main\n");
        workspace.git.run("add", "main.go");
        Path message = Files.writeString(temp.resolve("COMMIT_EDITMSG"), "Say hello\n");

        signal("STOP", server);
        Launch prepare;
        try {
            prepare = launch(servedBin, Map.of("ENTIRE_NO_TTY", "1", "ENTIRE_HOOK_ACCEPT_TIMEOUT", "0.5"), "hooks",
                    "git", "prepare-commit-msg", message.toString(), "message");
        } finally {
            signal("CONT", server);
        }
        Files.delete(socket);

        assertThat(prepare.exitCode()).as(prepare.err()).isZero();
        assertThat(prepare.err().lines()).as(prepare.err()).singleElement().asString()
                .contains("hook server did not take");
        assertThat(occurrences(Files.readString(message), "Entire-Checkpoint:")).as(Files.readString(message)).isOne();
    }

    @Test
    void theFrontFoundOnPathThroughALinkRunsTheLauncherBesideItsRealFile() throws Exception {
        Path linked = Files.createDirectories(temp.resolve("path-bin"));
        Files.createSymbolicLink(linked.resolve("entire"), servedBin.resolve("entire"));

        Launch version = launch(servedBin, Map.of("PATH", linked + ":" + System.getenv("PATH")), "--version");
        ProcessBuilder onPath = new ProcessBuilder("sh", "-c", "entire --version").directory(workspace.repo.toFile());
        onPath.environment().put("PATH", linked + ":" + System.getenv("PATH"));
        onPath.environment().put("ENTIRE_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        onPath.environment().put("XDG_CACHE_HOME", cacheDir.getParent().toString());
        Process process = onPath.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output).isEqualTo(version.out());
        assertThat(version.out()).startsWith("entire ");
    }

    @Test
    void theFrontAndTheLauncherSayTheSameOfAJavaThatIsNotThere() throws Exception {
        Map<String, String> missing = Map.of("ENTIRE_JAVA", temp.resolve("no-jdk/bin/java").toString());
        Path message = Files.writeString(temp.resolve("COMMIT_EDITMSG"), "Say hello\n");

        Launch launcher = launch(bin, missing, "hooks", "git", "commit-msg", message.toString());
        Launch front = launch(servedBin, missing, "hooks", "git", "commit-msg", message.toString());

        assertThat(front).isEqualTo(launcher);
        assertThat(front.exitCode()).isOne();
        assertThat(front.err()).isEqualTo("entire: " + missing.get("ENTIRE_JAVA") + " is not an executable java;"
                + " install a JDK >= 17 or set ENTIRE_JAVA or JAVA_HOME\n");
        assertThat(files(cacheDir, ".sock", ".pid")).as("no server for a JDK that is not there").isEmpty();
    }

    /** A directory with a git that appends its parent's pid and its arguments to {@code calls}, then runs git. */
    private Path loggingGit(Path calls) throws IOException {
        String realGit = new Git(temp).run("--exec-path").text().strip() + "/git";
        Path gitBin = Files.createDirectories(temp.resolve("logging-git"));
        Path git = Files.writeString(gitBin.resolve("git"), "#!/bin/sh\necho \"$PPID $*\" >> '" + calls + "'\n"
                + "exec '" + realGit + "' \"$@\"\n");
        git.toFile().setExecutable(true);
        return gitBin;
    }

    /** Through the launcher's JVMs, and through the front and a listening hook server, which the prompt starts. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aCommitOfSomePathsThroughInstalledHooksIsLinkedFromTheIndexGitCommits(boolean served) throws Exception {
        Path install = served ? servedBin : bin;
        copyTrainedCaches();   // with ENTIRE_STARTUP_CACHE=off the launcher starts no server either
        // No packer after the checkpoint: it would outlive the test's repository.
        Map<String, String> env = Map.of("ENTIRE_NO_TTY", "1", "ENTIRE_BACKGROUND_PACK", "off",
                EnableCommand.HOOK_COMMAND_VARIABLE, "'" + install.resolve("entire") + "'");
        Files.writeString(workspace.repo.resolve("main.go"), "package main\n");
        workspace.git.run("add", "main.go");
        workspace.git.run("commit", "-q", "-m", "Add main.go");
        Launch enable = launch(install, env, "enable");
        assertThat(enable.exitCode()).as(enable.err()).isZero();
        String payload = workspace.userPromptPayload(SESSION);
        assertThat(launchWithInput(install, env, payload, "hooks", "claude-code", "user-prompt-submit").exitCode())
                .isZero();
        Files.writeString(workspace.repo.resolve("main.go"), "package main\n\nfunc main() {}\n");   // not staged
        Map<String, String> hookEnv = new HashMap<>(env);
        hookEnv.put("XDG_CACHE_HOME", cacheDir.getParent().toString());
        hookEnv.put("ENTIRE_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path jvmLog = temp.resolve("classes.log");
        if (served) {
            awaitListening(awaitFile(cacheDir, ".sock"));
            hookEnv.put("ENTIRE_JAVA_OPTS", "-Xlog:class+load=info:file=" + jvmLog);
        }

        // A commit of named paths: git puts them in a temporary index and points the hooks at it (GIT_INDEX_FILE);
        // the repository's index has nothing staged, so a listing from it would link nothing.
        workspace.git.withVariables(hookEnv).run("commit", "-q", "-m", "Say hello", "--", "main.go");

        String message = workspace.headMessage();
        assertThat(message).containsPattern("\nEntire-Checkpoint: [0-9a-f]{12}\n");
        String id = message.replaceAll("(?s).*Entire-Checkpoint: ([0-9a-f]{12}).*", "$1");
        assertThat(workspace.git.run("ls-tree", "-r", "--name-only", "entire/checkpoints/v1").text())
                .as("post-commit wrote the checkpoint").contains(id.substring(0, 2) + "/" + id.substring(2) + "/");
        if (served) {
            assertThat(jvmLog).as("every git hook served: no JVM started for one").doesNotExist();
            Files.delete(awaitFile(cacheDir, ".sock"));
        }
    }

    @Test
    void theLauncherAndTheFrontListTheStagedChangesAsTheHookWould() throws IOException {
        assertThat(Files.readString(LAUNCHER))
                .contains("git " + String.join(" ", Changes.STAGED_ARGUMENTS) + " 2>/dev/null\n");
        assertThat(Files.readString(HookClientBuild.SOURCE).replaceAll("\\s+", " "))
                .contains("{\"git\", \"" + String.join("\", \"", Changes.STAGED_ARGUMENTS) + "\", NULL}");
    }

    @Test
    void hooksWithACacheOfTheirOwnRunWithoutTheSearchJarAndEverythingElseWithIt() throws Exception {
        Path message = Files.writeString(temp.resolve("COMMIT_EDITMSG"), "Say hello\n");
        Map<String, String> showClassPath = Map.of("ENTIRE_STARTUP_CACHE", "off",
                "ENTIRE_JAVA_OPTS", "-XshowSettings:properties");

        Launch hook = launch(showClassPath, "hooks", "git", "commit-msg", message.toString());
        Launch otherHook = launchWithInput(bin, showClassPath, "{}", "hooks", "claude-code", "session-end");
        Launch command = launch(showClassPath, "--version");

        assertThat(classPath(hook)).containsExactly(bin.resolve("entire.jar").toString());
        assertThat(classPath(otherHook)).containsExactly(bin.resolve("entire.jar").toString(),
                bin.resolve("entire-search.jar").toString());
        assertThat(classPath(command)).containsExactly(bin.resolve("entire.jar").toString(),
                bin.resolve("entire-search.jar").toString());
    }

    /** The class path {@code -XshowSettings:properties} printed: one entry a line after the property's name. */
    private static List<String> classPath(Launch launch) {
        assertThat(launch.exitCode()).as(launch.err()).isZero();
        List<String> entries = new ArrayList<>();
        boolean in = false;
        for (String line : launch.err().split("\n")) {
            String text = line.strip();
            if (text.startsWith("java.class.path = ")) {
                in = true;
                entries.add(text.substring("java.class.path = ".length()));
            } else if (in && line.startsWith("        ") && !text.contains(" = ")) {
                entries.add(text);
            } else {
                in = false;
            }
        }
        return entries;
    }

    @Test
    void aCollectorInTheJavaOptionsReplacesTheLaunchers() throws Exception {
        copyTrainedCaches();

        Launch launch = launch(Map.of("ENTIRE_JAVA_OPTS", "-XX:+UseParallelGC"), "--version");

        assertThat(launch.exitCode()).as(launch.err()).isZero();
        assertThat(launch.out()).startsWith("entire ");
    }

    @Test
    void cacheCanBeTurnedOff() throws Exception {
        Launch off = launch(Map.of("ENTIRE_STARTUP_CACHE", "off"), "--version");

        assertThat(off.exitCode()).isZero();
        assertThat(off.out()).startsWith("entire ");
        assertThat(cacheDir).doesNotExist();
    }

    private record Launch(int exitCode, String out, String err) {
    }

    private Launch launch(Map<String, String> extraEnv, String... args) throws IOException, InterruptedException {
        return launch(bin, extraEnv, args);
    }

    private Launch launch(Path binDirectory, Map<String, String> extraEnv, String... args)
            throws IOException, InterruptedException {
        return launchWithInput(binDirectory, extraEnv, "", args);
    }

    private Launch launchWithInput(Path binDirectory, Map<String, String> extraEnv, String stdin, String... args)
            throws IOException, InterruptedException {
        return launch(binDirectory, workspace.repo, cacheDir, extraEnv, stdin, args);
    }

    private static Launch launch(Path binDirectory, Path directory, Path cacheDir, Map<String, String> extraEnv,
            String... args) throws IOException, InterruptedException {
        return launch(binDirectory, directory, cacheDir, extraEnv, "", args);
    }

    private static Launch launch(Path binDirectory, Path directory, Path cacheDir, Map<String, String> extraEnv,
            String stdin, String[] args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binDirectory.resolve("entire").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("ENTIRE_") || name.equals("JAVA_TOOL_OPTIONS"));
        env.put("ENTIRE_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        env.put("XDG_CACHE_HOME", cacheDir.getParent().toString());
        env.putAll(extraEnv);
        Path out = Files.createTempFile(shared, "out", ".txt");
        Path err = Files.createTempFile(shared, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(process.waitFor(TRAINING_SECONDS, TimeUnit.SECONDS)).as("entire %s finished", command).isTrue();
        return new Launch(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Launch promptThroughLauncher(String prompt) throws IOException, InterruptedException {
        return launchWithInput(servedBin, Map.of(), workspace.userPromptPayload(SESSION).replace("Say hello", prompt),
                "hooks", "claude-code", "user-prompt-submit");
    }

    private String sessionState() throws IOException {
        return Files.readString(workspace.repo.resolve(".git/entire-sessions/" + SESSION + ".json"));
    }

    private static int occurrences(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -%s %d", signal, pid).isZero();
    }

    /** The socket file appears at bind, an instant before the server listens: waits until a connection is taken. */
    private static void awaitListening(Path socket) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SERVER_START_SECONDS);
        while (System.nanoTime() < deadline) {
            try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new AssertionError("nothing listens on " + socket);
    }

    private static void awaitLine(Path file, String part) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readString(file).contains(part)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no \"" + part + "\" in " + file + ": "
                + (Files.exists(file) ? Files.readString(file) : "no file"));
    }

    /** A commit-msg hook the server may run, with the trained caches in place for a JVM that runs it instead. */
    private String[] servableHook() throws IOException {
        copyTrainedCaches();
        Path message = Files.writeString(temp.resolve("COMMIT_EDITMSG"), "Say hello\n");
        return new String[] {"hooks", "git", "commit-msg", message.toString()};
    }

    private List<Path> copyTrainedCaches() throws IOException {
        Files.createDirectories(cacheDir);
        List<Path> copies = new ArrayList<>();
        for (Path cache : caches(trainedCaches)) {
            copies.add(Files.copy(cache, cacheDir.resolve(cache.getFileName())));
        }
        return copies;
    }

    /** Waits for the background training to leave every cache and no lock. */
    private List<Path> awaitCaches() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TRAINING_SECONDS);
        while (System.nanoTime() < deadline) {
            if (caches(cacheDir).size() == CACHES && !hasLock(cacheDir)) {
                return caches(cacheDir);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no caches after " + TRAINING_SECONDS + " s; training logs: " + logs(cacheDir));
    }

    private static Path awaitFile(Path directory, String suffix) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SERVER_START_SECONDS);
        while (System.nanoTime() < deadline) {
            List<Path> found = files(directory, suffix);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no *" + suffix + " in " + directory + " after " + SERVER_START_SECONDS + " s: "
                + logs(directory));
    }

    /** The java of an installed JDK of this feature version, beside the one running the test; else it is skipped. */
    private static Path jdk(int feature) throws IOException {
        Path current = Path.of(System.getProperty("java.home"));
        List<Path> homes;
        try (Stream<Path> siblings = Files.list(current.getParent())) {
            homes = Stream.concat(Stream.of(current), siblings.sorted()).toList();
        }
        for (Path home : homes) {
            Path release = home.resolve("release");
            if (Files.isRegularFile(release) && Files.isExecutable(home.resolve("bin/java"))
                    && Files.readAllLines(release).stream().anyMatch(line -> line.startsWith(
                            "JAVA_VERSION=\"" + feature + ".") || line.equals("JAVA_VERSION=\"" + feature + "\""))) {
                return home.resolve("bin/java");
            }
        }
        Assumptions.assumeTrue(false, "no JDK " + feature + " beside " + current);
        throw new AssertionError("unreachable");
    }

    private static List<Path> caches(Path cacheDir) throws IOException {
        return files(cacheDir, ".aot", ".jsa");
    }

    private static boolean hasLock(Path cacheDir) throws IOException {
        return !files(cacheDir, ".lock").isEmpty();
    }

    private static String logs(Path cacheDir) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Path log : files(cacheDir, ".log")) {
            text.append('\n').append(log.getFileName()).append(":\n").append(Files.readString(log));
        }
        return text.isEmpty() ? "none" : text.toString();
    }

    private static List<Path> files(Path directory, String... suffixes) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> Stream.of(suffixes).anyMatch(suffix -> file.toString().endsWith(suffix)))
                    .sorted().toList();
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A jar like the shaded one: this module's classes plus the runtime class path (core, picocli),
     * without the test classes and test libraries. Start-up caches only take jars, never directories.
     */
    private static void writeJar(Path jar) throws IOException {
        Set<String> written = new HashSet<>();
        Map<String, String> services = new TreeMap<>();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path path = Path.of(entry);
                String name = path.toString();
                boolean runtime = name.endsWith("classes") && !name.endsWith("test-classes")
                        || name.contains("picocli") || name.contains("entire-core") || name.contains("entire-search");
                if (!runtime) {
                    continue;
                }
                if (Files.isDirectory(path)) {
                    copyDirectory(path, out, written);
                } else {
                    copyJar(path, out, written, services);
                }
            }
            writeServices(services, out, written);
        }
    }

    private static void writeServices(Map<String, String> services, JarOutputStream out, Set<String> written)
            throws IOException {
        for (Map.Entry<String, String> service : services.entrySet()) {
            add(service.getKey(), new ByteArrayInputStream(service.getValue().getBytes(StandardCharsets.UTF_8)),
                    out, written);
        }
    }

    /** Lucene, from this module's class path, as the search jar install.sh installs beside entire.jar. */
    private static void writeSearchJar(Path jar) throws IOException {
        Set<String> written = new HashSet<>();
        Map<String, String> services = new TreeMap<>();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                if (Path.of(entry).getFileName().toString().startsWith("lucene-")) {
                    copyJar(Path.of(entry), out, written, services);
                }
            }
            writeServices(services, out, written);
        }
    }

    private static void copyDirectory(Path root, JarOutputStream out, Set<String> written) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = root.relativize(file).toString().replace(File.separatorChar, '/');
                try (InputStream in = Files.newInputStream(file)) {
                    add(name, in, out, written);
                }
            }
        }
    }

    /** Copies a library's classes; its service files are merged with the other libraries' (Lucene's codecs). */
    private static void copyJar(Path source, JarOutputStream out, Set<String> written, Map<String, String> services)
            throws IOException {
        try (JarFile jar = new JarFile(source.toFile())) {
            for (JarEntry entry : jar.stream().filter(entry -> !entry.isDirectory()).toList()) {
                if (entry.getName().startsWith("META-INF/services/")) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        services.merge(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8) + "\n",
                                String::concat);
                    }
                    continue;
                }
                if (entry.getName().startsWith("META-INF/")) {
                    continue;   // manifests and signatures of the libraries
                }
                try (InputStream in = jar.getInputStream(entry)) {
                    add(entry.getName(), in, out, written);
                }
            }
        }
    }

    private static void add(String name, InputStream in, JarOutputStream out, Set<String> written) throws IOException {
        if (written.add(name)) {
            out.putNextEntry(new JarEntry(name));
            in.transferTo(out);
            out.closeEntry();
        }
    }
}
