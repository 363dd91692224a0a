package io.entire.core.git;

import static java.util.Objects.requireNonNull;

/** One entry of a git tree: mode, name and the object it names. */
public record TreeEntry(Mode mode, String name, ObjectId id) implements Comparable<TreeEntry> {
    /** The entry kinds this project writes or meets; git's numeric mode is derived from it. */
    public enum Mode {
        FILE("100644"),
        EXECUTABLE("100755"),
        SYMLINK("120000"),
        TREE("040000"),
        GITLINK("160000");

        private final String octal;

        Mode(String octal) {
            this.octal = octal;
        }

        public String octal() {
            return octal;
        }

        /** The mode as {@code git ls-tree} or a raw tree object spells it ({@code 40000} or {@code 040000}). */
        public static Mode parse(String text) {
            return switch (text) {
                case "100644", "100664" -> FILE;
                case "100755" -> EXECUTABLE;
                case "120000" -> SYMLINK;
                case "40000", "040000" -> TREE;
                case "160000" -> GITLINK;
                default -> throw new IllegalArgumentException("unknown git tree entry mode " + text);
            };
        }

        String type() {
            return switch (this) {
                case FILE, EXECUTABLE, SYMLINK -> "blob";
                case TREE -> "tree";
                case GITLINK -> "commit";
            };
        }
    }

    public TreeEntry {
        requireNonNull(mode, "mode is null");
        requireNonNull(name, "name is null");
        requireNonNull(id, "id is null");
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid tree entry name '" + name + "'");
        }
    }

    public static TreeEntry file(String name, ObjectId id) {
        return new TreeEntry(Mode.FILE, name, id);
    }

    public static TreeEntry tree(String name, ObjectId id) {
        return new TreeEntry(Mode.TREE, name, id);
    }

    public boolean isTree() {
        return mode == Mode.TREE;
    }

    /** Git's tree order: byte order of names, where a tree's name compares as if it ended in '/'. */
    @Override
    public int compareTo(TreeEntry other) {
        String left = isTree() ? name + "/" : name;
        String right = other.isTree() ? other.name + "/" : other.name;
        return left.compareTo(right);
    }
}
