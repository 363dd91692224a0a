import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a {@code git fast-import} stream of one commit on {@code main} holding {@code count} small source files laid
 * out like a monorepo: {@code services/<service>/<package>/file<n>.go}, 50 files a package, 20 packages a service, so
 * that the work tree has as many directories as a real one of that size. Every file differs, so every blob is its own.
 *
 * <p>Usage: {@code java GenerateMonorepo.java <count> | git fast-import --quiet}. Same count, same repository.
 */
public final class GenerateMonorepo {
    private static final int FILES_PER_PACKAGE = 50;
    private static final int PACKAGES_PER_SERVICE = 20;
    private static final long DATE = 1767603600L;   // 2026-01-05 09:00 UTC

    private GenerateMonorepo() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java GenerateMonorepo.java <count> | git fast-import --quiet");
            System.exit(2);
        }
        int count = Integer.parseInt(args[0]);
        try (OutputStream out = new BufferedOutputStream(System.out, 1 << 16)) {
            write(out, "commit refs/heads/main\ncommitter Bench <bench@example.com> " + DATE + " +0000\n");
            data(out, "Import " + count + " files\n");
            for (int i = 0; i < count; i++) {
                int pkg = i / FILES_PER_PACKAGE;
                String dir = "services/service" + (pkg / PACKAGES_PER_SERVICE) + "/pkg" + (pkg % PACKAGES_PER_SERVICE);
                write(out, "M 100644 inline " + dir + "/file" + (i % FILES_PER_PACKAGE) + ".go\n");
                data(out, "package pkg" + (pkg % PACKAGES_PER_SERVICE) + "\n\n// Value" + i
                        + " is what the handler of file " + i + " returns.\nfunc Value" + i + "() int {\n\treturn " + i
                        + "\n}\n");
            }
            write(out, "\n");
        }
    }

    private static void data(OutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(out, "data " + bytes.length + "\n");
        out.write(bytes);
        write(out, "\n");
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
