package io.entire.core.doctor;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.entire.core.Sha256;
import io.entire.core.git.BatchReader;
import io.entire.core.git.MissingObjectException;
import io.entire.core.git.ObjectId;
import io.entire.core.git.ObjectWriter;
import io.entire.core.git.TreeEntry;
import io.entire.core.redact.Redactor;
import io.entire.core.redact.SecretFinding;
import io.entire.core.store.TranscriptChunks;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Today's redaction rules applied to the files of stored checkpoint folders: where they would change something
 * ({@code doctor verify}), or the folder they would leave ({@code redact --rewrite}). Files without a secret keep
 * their blobs, so everything else stays byte for byte. Serves one thread.
 */
final class FolderSecrets {
    private final BatchReader reader;
    private final Redactor redactor;
    // One blob is often in several stores (the v1 mirror of a ref, v2's copy): scanned once.
    private final Map<ObjectId, List<SecretFinding>> scanned = new HashMap<>();

    FolderSecrets(BatchReader reader, Redactor redactor) {
        this.reader = requireNonNull(reader, "reader is null");
        this.redactor = requireNonNull(redactor, "redactor is null");
    }

    /** A file, by its path in the folder, and a line of it holding secrets. */
    record Found(String path, SecretFinding finding) {
        Found {
            requireNonNull(path, "path is null");
            requireNonNull(finding, "finding is null");
        }
    }

    /** What the rules would redact in the folder's files, subfolders included, in tree order. */
    List<Found> find(ObjectId folder) {
        List<Found> found = new ArrayList<>();
        find("", reader.readTree(folder), found);
        return found;
    }

    /** As {@link #find(ObjectId)}, for files listed by name (a v2 slot on a {@code full} ref), under {@code path}. */
    List<Found> find(String path, Map<String, TreeEntry> files) {
        List<Found> found = new ArrayList<>();
        find(path, List.copyOf(files.values()), found);
        return found;
    }

    private void find(String path, List<TreeEntry> entries, List<Found> found) {
        for (TreeEntry entry : entries) {
            String entryPath = path + entry.name();
            try {
                if (entry.isTree()) {
                    find(entryPath + "/", reader.readTree(entry.id()), found);
                    continue;
                }
                StoredText text = StoredText.of(entry.name());
                if (text == StoredText.JSONL || text == StoredText.JSON || text == StoredText.TEXT) {
                    scanned.computeIfAbsent(entry.id(), blob -> findIn(text, reader.readBlob(blob)))
                            .forEach(finding -> found.add(new Found(entryPath, finding)));
                }
            } catch (MissingObjectException reportedByFolderCheck) {
                // the folder's own check names it; the other files are still searched
            }
        }
    }

    private List<SecretFinding> findIn(StoredText text, byte[] content) {
        return text == StoredText.TEXT ? redactor.findInText(new String(content, UTF_8))
                : redactor.findInJsonl(new ByteArrayInputStream(content));
    }

    /**
     * The folder with every file redacted by today's rules and the hashes of changed transcripts written again;
     * empty when nothing would change. {@code changed} receives the paths of the files that did.
     */
    Optional<ObjectId> rewrite(ObjectId folder, ObjectWriter writer, List<String> changed) {
        return rewrite("", folder, writer, changed);
    }

    private Optional<ObjectId> rewrite(String path, ObjectId folder, ObjectWriter writer, List<String> changed) {
        Map<String, TreeEntry> entries = new LinkedHashMap<>();
        reader.readTree(folder).forEach(entry -> entries.put(entry.name(), entry));
        Map<String, byte[]> redacted = new HashMap<>();
        boolean anyChanged = false;
        for (TreeEntry entry : List.copyOf(entries.values())) {
            if (entry.isTree()) {
                Optional<ObjectId> subfolder = rewrite(path + entry.name() + "/", entry.id(), writer, changed);
                if (subfolder.isPresent()) {
                    entries.put(entry.name(), TreeEntry.tree(entry.name(), subfolder.get()));
                    anyChanged = true;
                }
                continue;
            }
            StoredText text = StoredText.of(entry.name());
            if (text == StoredText.HASH || text == StoredText.OTHER) {
                continue;
            }
            byte[] content = reader.readBlob(entry.id());
            byte[] after = redact(text, content);
            if (!Arrays.equals(content, after)) {
                redacted.put(entry.name(), after);
                entries.put(entry.name(), TreeEntry.file(entry.name(), writer.writeBlob(after)));
                changed.add(path + entry.name());
                anyChanged = true;
            }
        }
        if (!anyChanged) {
            return Optional.empty();
        }
        for (TreeEntry entry : List.copyOf(entries.values())) {
            if (!entry.isTree() && StoredText.of(entry.name()) == StoredText.HASH) {
                rehash(entry.name(), entries, redacted, writer).ifPresent(hash -> {
                    entries.put(entry.name(), hash);
                    changed.add(path + entry.name());
                });
            }
        }
        return Optional.of(writer.writeTree(entries.values()));
    }

    private byte[] redact(StoredText text, byte[] content) {
        if (text == StoredText.TEXT) {
            String before = new String(content, UTF_8);
            String after = redactor.redactText(before);
            return after.equals(before) ? content : after.getBytes(UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length);
        redactor.redactJsonl(new ByteArrayInputStream(content), out);
        return out.toByteArray();
    }

    /** The hash file of a transcript whose parts changed, over the parts joined with "\n" as readers join them. */
    private Optional<TreeEntry> rehash(String hashFile, Map<String, TreeEntry> entries, Map<String, byte[]> redacted,
            ObjectWriter writer) {
        String base = StoredText.hashed(hashFile);
        List<String> parts = new ArrayList<>();
        for (int i = 0; entries.containsKey(TranscriptChunks.chunkName(base, i)); i++) {
            parts.add(TranscriptChunks.chunkName(base, i));
        }
        if (parts.stream().noneMatch(redacted::containsKey)) {
            return Optional.empty();
        }
        Sha256 hash = new Sha256();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                hash.update(new byte[] {'\n'}, 0, 1);
            }
            byte[] part = redacted.containsKey(parts.get(i)) ? redacted.get(parts.get(i))
                    : reader.readBlob(entries.get(parts.get(i)).id());
            hash.update(part, 0, part.length);
        }
        return Optional.of(TreeEntry.file(hashFile, writer.writeBlob(hash.contentHash().getBytes(UTF_8))));
    }
}
