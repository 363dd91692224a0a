package io.entire.core.git;

import static java.util.Objects.requireNonNull;

/** A whole object read from the object database: its id, type and raw content. */
public record GitObject(ObjectId id, String type, byte[] content) {
    public GitObject {
        requireNonNull(id, "id is null");
        requireNonNull(type, "type is null");
        requireNonNull(content, "content is null");
    }

    // The content array is handed out as is: objects are read in bulk and copying every one would double the cost.
    @Override
    public byte[] content() {
        return content;
    }
}
