package io.entire.core.store.shadow;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.BatchReader;
import io.entire.core.git.GitObject;
import io.entire.core.git.ObjectId;
import io.entire.core.git.TreeEntry;
import io.entire.core.json.JsonFormatException;
import io.entire.core.json.JsonReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A subagent's task as the Go tool records it on a shadow branch, in a commit whose message names the task's folder
 * ({@link StepMessage#TASK_TRAILER}). A finished task holds {@code <folder>/checkpoint.json}, whose
 * {@code checkpoint_uuid} names the transcript line of the task's result, and the session's transcript as it was then
 * in the session's folder: {@code full.jsonl}, and past 50 MiB the further chunks {@code full.jsonl.001},
 * {@code .002}, ... (cut at line ends; joined again with a newline between two chunks). A step inside a running
 * subagent holds neither: the session's {@code full.jsonl} in its tree is an earlier commit's.
 */
public record TaskStep(String folder, Optional<String> resultLine, List<ObjectId> transcriptChunks) {
    private static final String TRANSCRIPT = "full.jsonl";

    public TaskStep {
        requireNonNull(folder, "folder is null");
        requireNonNull(resultLine, "resultLine is null");
        transcriptChunks = List.copyOf(transcriptChunks);
    }

    /**
     * The task {@code commit} records in {@code folder} (as its message names it). A {@code checkpoint.json} that is
     * not JSON counts as none: the Go tool then leaves the transcript alone too.
     */
    public static TaskStep read(BatchReader reader, ObjectId commit, String folder) {
        Optional<String> resultLine = Optional.empty();
        Optional<GitObject> checkpoint = reader.find(commit.hex() + ":" + folder + "/checkpoint.json")
                .filter(object -> object.type().equals("blob"));
        if (checkpoint.isPresent()) {
            try {
                resultLine = new JsonReader().parseObject(checkpoint.get().content()).findString("checkpoint_uuid")
                        .filter(uuid -> !uuid.isBlank());
            } catch (JsonFormatException malformed) {
                resultLine = Optional.empty();
            }
        }
        List<ObjectId> chunks = resultLine.isPresent() ? transcriptChunks(reader, commit, sessionFolder(folder))
                : List.of();
        return new TaskStep(folder, resultLine, chunks);
    }

    /** The session's folder, two levels above {@code <session folder>/tasks/<tool use id>}, as the Go tool finds it. */
    private static String sessionFolder(String taskFolder) {
        String folder = taskFolder;
        for (int level = 0; level < 2; level++) {
            int slash = folder.lastIndexOf('/');
            folder = slash < 0 ? "" : folder.substring(0, slash);
        }
        return folder;
    }

    /** {@code full.jsonl} and the chunks after it, in order, up to the first one missing. */
    private static List<ObjectId> transcriptChunks(BatchReader reader, ObjectId commit, String sessionFolder) {
        Optional<GitObject> tree = reader.find(commit.hex() + ":" + sessionFolder)
                .filter(object -> object.type().equals("tree"));
        if (tree.isEmpty()) {
            return List.of();
        }
        Map<String, ObjectId> blobs = new HashMap<>();
        for (TreeEntry entry : reader.parseTree(tree.get())) {
            if (!entry.isTree()) {
                blobs.put(entry.name(), entry.id());
            }
        }
        List<ObjectId> chunks = new ArrayList<>();
        for (int index = 0; blobs.containsKey(chunkName(index)); index++) {
            chunks.add(blobs.get(chunkName(index)));
        }
        return chunks;
    }

    private static String chunkName(int index) {
        return index == 0 ? TRANSCRIPT : TRANSCRIPT + ".%03d".formatted(index);
    }
}
