package io.entire.core.git;

import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Lists every file of many trees with one {@code git diff-tree --stdin} process (each tree against the empty tree),
 * paths relative to each tree, parsed as git writes them. Measured: the 10,000 folders of a synthetic v1 branch
 * list in 0.1 s, where reading their 20,000 trees one by one through {@code cat-file --batch} takes 0.4 s.
 */
public final class TreeFiles {
    private TreeFiles() {
    }

    /** One file of a listed tree. */
    public record File(String path, TreeEntry.Mode mode, ObjectId id) {
        public File {
            requireNonNull(path, "path is null");
            requireNonNull(mode, "mode is null");
            requireNonNull(id, "id is null");
        }
    }

    /**
     * Hands each tree's files to the consumer (with the tree's position in the request) in request order, while git
     * lists them: nothing is kept here, so a caller can keep only what it needs of 10,000 folders.
     */
    public static void forEach(GitRepository repository, List<ObjectId> trees,
            BiConsumer<Integer, List<File>> consumer) {
        if (trees.isEmpty()) {
            return;
        }
        int hexLength = repository.hashHexLength();
        String empty = new ObjectHasher(hexLength).tree(List.of()).hex();
        StringBuilder input = new StringBuilder(trees.size() * (2 * hexLength + 2));
        trees.forEach(tree -> input.append(empty).append(' ').append(tree.hex()).append('\n'));
        List<String> command = List.of("diff-tree", "--stdin", "-r", "-z");
        repository.git().stream(command, input.toString().getBytes(StandardCharsets.US_ASCII), out -> {
            new Parser(new BufferedInputStream(out, 1 << 16), hexLength, command).parse(trees, empty, consumer);
            return null;
        });
    }

    /** Reads diff-tree's output as it streams: 10,000 folders are 50,000 lines, 6.5 MB. */
    private static final class Parser {
        private final InputStream in;
        private final int hexLength;
        private final List<String> command;
        private final byte[] meta;
        private byte[] text = new byte[256];

        Parser(InputStream in, int hexLength, List<String> command) {
            this.in = in;
            this.hexLength = hexLength;
            this.command = command;
            this.meta = new byte[19 + 2 * hexLength];   // ":000000 <mode> <zero id> <id> A\0", fixed widths
        }

        void parse(List<ObjectId> trees, String empty, BiConsumer<Integer, List<File>> consumer) throws IOException {
            int next = 0;   // position of the next tree to hand over
            List<File> current = null;
            for (int first = in.read(); first >= 0; first = in.read()) {
                if (first != ':') {   // "<empty> <tree>\n" starts a tree's listing; an empty tree may have none
                    String tree = readUntil((byte) '\n', first, StandardCharsets.US_ASCII)
                            .substring(empty.length() + 1);
                    if (current != null) {
                        consumer.accept(next++, current);
                    }
                    while (!trees.get(next).hex().equals(tree)) {
                        consumer.accept(next, unlisted(trees.get(next++), empty));
                    }
                    current = new ArrayList<>();
                    continue;
                }
                if (in.readNBytes(meta, 1, meta.length - 1) != meta.length - 1 || meta[meta.length - 1] != 0
                        || meta[15 + hexLength] != ' ' || current == null) {
                    throw new IllegalStateException("unexpected diff-tree output");
                }
                String path = readUntil((byte) 0, -1, StandardCharsets.UTF_8);
                current.add(new File(path, TreeEntry.Mode.parse(new String(meta, 8, 6, StandardCharsets.US_ASCII)),
                        ObjectId.of(new String(meta, 16 + hexLength, hexLength, StandardCharsets.US_ASCII))));
            }
            if (current != null) {
                consumer.accept(next++, current);
            }
            while (next < trees.size()) {
                consumer.accept(next, unlisted(trees.get(next++), empty));
            }
        }

        /** A tree git printed nothing for: the empty tree, or one it could not read (it says so on stderr only). */
        private List<File> unlisted(ObjectId tree, String empty) {
            if (!tree.hex().equals(empty)) {
                throw new GitException(command, "could not read tree " + tree.hex() + " (a missing object?)", null);
            }
            return new ArrayList<>();
        }

        /** The bytes up to the delimiter (consumed, not returned), after {@code first} unless it is -1. */
        private String readUntil(byte delimiter, int first, Charset charset) throws IOException {
            int length = 0;
            if (first >= 0) {
                text[length++] = (byte) first;
            }
            for (int next = in.read(); next != delimiter; next = in.read()) {
                if (next < 0) {
                    throw new IllegalStateException("truncated diff-tree output");
                }
                if (length == text.length) {
                    text = Arrays.copyOf(text, length * 2);
                }
                text[length++] = (byte) next;
            }
            return new String(text, 0, length, charset);
        }
    }
}
