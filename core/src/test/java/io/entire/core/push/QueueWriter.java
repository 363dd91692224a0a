package io.entire.core.push;

import io.entire.core.git.RefName;
import java.nio.file.Path;

/** A separate process for the queue test: appends N refs of its own, one locked append each. */
public final class QueueWriter {
    private QueueWriter() {
    }

    public static void main(String[] args) {
        PushQueue queue = new PushQueue(Path.of(args[0]));
        for (int i = 0; i < Integer.parseInt(args[2]); i++) {
            queue.add(RefName.of(String.format("refs/entire/checkpoints/%s/%s%08d", args[1], args[1], i)));
        }
    }
}
