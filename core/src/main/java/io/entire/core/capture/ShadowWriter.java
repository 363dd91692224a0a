package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.GitRepository;
import io.entire.core.git.GitWorkers;
import io.entire.core.git.TreeEntry;
import io.entire.core.json.JsonNumber;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import io.entire.core.json.JsonWriter;
import io.entire.core.redact.RedactionRules;
import io.entire.core.redact.Redactor;
import io.entire.core.session.FileSnapshot;
import io.entire.core.session.SessionState;
import io.entire.core.store.shadow.ShadowBranches;
import io.entire.core.store.shadow.StepMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a snapshot on a shadow branch holds (written by {@link ShadowBranches}): the given files as they are in the
 * work tree now, plus the session's folder {@code .entire/metadata/<session-id>/}.
 */
final class ShadowWriter {
    // As the Go tool joins the prompts of prompt.txt (FORMATS.md 2).
    private static final String PROMPT_SEPARATOR = "\n\n---\n\n";

    private final GitRepository repository;
    private final GitWorkers workers;
    private final Redactor redactor;

    ShadowWriter(GitRepository repository, GitWorkers workers, RedactionRules redaction) {
        this.repository = requireNonNull(repository, "repository is null");
        this.workers = requireNonNull(workers, "workers is null");
        this.redactor = new Redactor(redaction);
    }

    /** A work tree file as a tree entry (its blob written), or empty when it does not exist as a file. */
    Optional<TreeEntry> workTreeEntry(String path) {
        Path file = repository.workTree().resolve(path);
        String name = file.getFileName().toString();
        try {
            if (Files.isSymbolicLink(file)) {
                byte[] target = Files.readSymbolicLink(file).toString().getBytes(StandardCharsets.UTF_8);
                return Optional.of(new TreeEntry(TreeEntry.Mode.SYMLINK, name, workers.writer().writeBlob(target)));
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            TreeEntry.Mode mode = Files.isExecutable(file) ? TreeEntry.Mode.EXECUTABLE : TreeEntry.Mode.FILE;
            return Optional.of(new TreeEntry(mode, name, workers.writer().writeBlob(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }

    /** The files as they are now: one entry per path, empty for a deleted file. */
    Map<String, Optional<TreeEntry>> workTreeEntries(List<String> paths) {
        Map<String, Optional<TreeEntry>> entries = new LinkedHashMap<>();
        for (String path : paths) {
            entries.put(path, workTreeEntry(path));
        }
        return entries;
    }

    static List<FileSnapshot> snapshots(Map<String, Optional<TreeEntry>> entries) {
        return entries.entrySet().stream().map(entry -> new FileSnapshot(entry.getKey(),
                entry.getValue().map(TreeEntry::id))).toList();
    }

    /**
     * The session's folder for a snapshot, {@code .entire/metadata/<session-id>/} (FORMATS.md 8), replacing whatever
     * an earlier step (the Go tool's too) left there: {@code metadata.json} (which session and step, where its
     * transcript is and how long it was) and {@code prompt.txt} (the step's prompts, redacted, as the Go tool's rewind
     * reads them). It holds no transcript: shadow branches are not redacted (redacting a 1 MB transcript at every stop
     * would triple its cost), and a {@code git push --all} must not publish them.
     */
    Map<String, Optional<TreeEntry>> metadataEntries(SessionState state, int step, long transcriptLines,
            List<String> redactedPrompts) {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        members.put("session_id", new JsonString(state.sessionId().value()));
        members.put("agent", new JsonString(state.agent().slug()));
        members.put("step", JsonNumber.of(step));
        members.put("transcript_path", new JsonString(state.transcript().map(Path::toString).orElse("")));
        members.put("transcript_lines", JsonNumber.of(transcriptLines));
        members.put("checkpoint_transcript_start", JsonNumber.of(state.transcriptStart()));
        List<TreeEntry> files = new ArrayList<>();
        files.add(TreeEntry.file("metadata.json",
                workers.writer().writeBlob(JsonWriter.pretty(new JsonObject(members)))));
        if (!redactedPrompts.isEmpty()) {
            files.add(TreeEntry.file("prompt.txt", workers.writer().writeBlob(
                    String.join(PROMPT_SEPARATOR, redactedPrompts).getBytes(StandardCharsets.UTF_8))));
        }
        String folder = StepMessage.metadataFolder(state.sessionId());
        return Map.of(folder, Optional.of(TreeEntry.tree(folder.substring(folder.lastIndexOf('/') + 1),
                workers.writer().writeTree(files))));
    }

    /** The step's prompts with secrets redacted, as its subject and {@code prompt.txt} hold them. */
    List<String> redacted(List<String> prompts) {
        return prompts.stream().map(redactor::redactText).toList();
    }
}
