package io.entire.cli;

import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Go tool's rewind to a shadow-branch step, limited to what its source reads (strategy/manual_commit_rewind.go
 * {@code GetRewindPoints} and {@code Rewind}, checkpoint/temporary.go {@code ListTemporaryCheckpoints} and
 * {@code GetTranscriptFromCommit}, rewind.go): the session states whose {@code base_commit} is HEAD; their shadow
 * branch named from {@code base_commit} and {@code worktree_id}; the commits on it whose {@code Entire-Session}
 * trailer names the session, with the subject as the point's message and the folder {@code Entire-Metadata} names;
 * the first prompt of that folder's {@code prompt.txt}; on rewind, every file of the commit's tree outside
 * {@code .entire}, untracked files the step lacks deleted (unless HEAD tracks them or the session found them), and the
 * transcript from the folder's {@code full.jsonl} (or {@code full.log}).
 */
final class GoRewind {
    private static final Pattern SESSION = Pattern.compile("Entire-Session:\\s*(.+)");
    private static final Pattern METADATA = Pattern.compile("Entire-Metadata:\\s*(.+)");
    private static final Set<String> PROTECTED = Set.of(".git", ".entire", ".claude");

    private final Sandbox workspace;

    GoRewind(Sandbox workspace) {
        this.workspace = workspace;
    }

    /** A point the Go tool's {@code entire rewind} offers. */
    record Point(String commit, String message, String sessionId, String metadataDir, String sessionPrompt) {
    }

    /** The steps of HEAD's sessions, newest first (each branch's log order). */
    List<Point> list() {
        String head = workspace.head().strip();
        List<Point> points = new ArrayList<>();
        for (JsonObject state : states()) {
            if (!state.findString("base_commit").orElse("").equals(head)) {
                continue;
            }
            String sessionId = state.findString("session_id").orElseThrow();
            String branch = "refs/heads/entire/" + head.substring(0, 7) + "-"
                    + sha256(state.findString("worktree_id").orElse("")).substring(0, 6);
            String tip = workspace.git.tryRun(List.of("rev-parse", "--verify", "-q", branch), null).text().strip();
            if (tip.isEmpty()) {
                continue;
            }
            for (String entry : workspace.git.run("log", "-z", "--format=%H%n%B", tip).text().split("\0")) {
                String[] fields = entry.split("\n", 2);
                String message = fields.length > 1 ? fields[1] : "";
                Matcher session = SESSION.matcher(message);
                if (!session.find() || !session.group(1).strip().equals(sessionId)) {
                    continue;
                }
                Matcher metadata = METADATA.matcher(message);
                String metadataDir = metadata.find() ? metadata.group(1).strip() : "";
                points.add(new Point(fields[0], message.split("\n", 2)[0], sessionId, metadataDir,
                        firstPrompt(fields[0], metadataDir)));
            }
        }
        return points;
    }

    /**
     * Rewinds the work tree to the point's files and returns the transcript the Go tool would write where Claude Code
     * keeps it; empty when the step's folder holds none (the Go tool then leaves the transcript as it is).
     */
    Optional<String> rewind(Point point) {
        Set<String> stepFiles = new HashSet<>();
        for (String path : workspace.git.run("ls-tree", "-r", "-z", "--name-only", point.commit()).text()
                .split("\0")) {
            if (!path.isEmpty() && !path.startsWith(".entire")) {
                stepFiles.add(path);
            }
        }
        Set<String> tracked = new HashSet<>(List.of(workspace.git.run("ls-tree", "-r", "-z", "--name-only", "HEAD")
                .text().split("\0")));
        Set<String> untrackedAtStart = new HashSet<>(states().stream()
                .filter(state -> state.findString("session_id").orElse("").equals(point.sessionId())).findFirst()
                .map(state -> state.strings("untracked_files_at_start")).orElse(List.of()));
        try (Stream<Path> files = Files.walk(workspace.repo)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String path = workspace.repo.relativize(file).toString();
                if (PROTECTED.stream().noneMatch(dir -> path.equals(dir) || path.startsWith(dir + "/"))
                        && !stepFiles.contains(path) && !tracked.contains(path) && !untrackedAtStart.contains(path)) {
                    Files.delete(file);
                }
            }
            for (String path : stepFiles) {
                Path file = workspace.repo.resolve(path);
                Files.createDirectories(file.getParent());
                Files.write(file, workspace.git.run("cat-file", "blob", point.commit() + ":" + path).stdout());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String name : List.of("full.jsonl", "full.log")) {
            String object = point.commit() + ":" + point.metadataDir() + "/" + name;
            if (!point.metadataDir().isEmpty()
                    && workspace.git.tryRun(List.of("cat-file", "-e", object), null).succeeded()) {
                return Optional.of(new String(workspace.git.run("cat-file", "blob", object).stdout(),
                        StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    private String firstPrompt(String commit, String metadataDir) {
        if (metadataDir.isEmpty()) {
            return "";
        }
        String object = commit + ":" + metadataDir + "/prompt.txt";
        if (!workspace.git.tryRun(List.of("cat-file", "-e", object), null).succeeded()) {
            return "";
        }
        return workspace.git.run("cat-file", "blob", object).text().split("\n\n---\n\n", 2)[0];
    }

    private List<JsonObject> states() {
        Path directory = workspace.repo.resolve(".git/entire-sessions");
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            List<JsonObject> states = new ArrayList<>();
            for (Path file : files.filter(file -> file.toString().endsWith(".json")).sorted().toList()) {
                states.add(new JsonReader().parseObject(Files.readAllBytes(file)));
            }
            return states;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
