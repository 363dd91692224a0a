import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a git fast-import stream that writes exactly the objects a migration wrote: one commit per ref under
 * {@code prefix} in the migrated repository, its files given by id when the original store has the blob, inline
 * otherwise. Fed to fast-import in a copy of the original store, it is "a git fast-import of the same objects".
 *
 * <p>Usage: {@code java SameObjectsStream.java <migrated repo> <original repo> <ref prefix> > stream}
 */
public final class SameObjectsStream {
    private SameObjectsStream() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: java SameObjectsStream.java <migrated repo> <original repo> <ref prefix>");
            System.exit(2);
        }
        String migrated = args[0];
        List<String> refs = lines(run(migrated, "for-each-ref", "--format=%(refname)", args[2]));
        Set<String> original = new HashSet<>(lines(run(args[1], "cat-file", "--batch-all-objects",
                "--batch-check=%(objectname)")));
        OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
        long time = 1767600000;
        for (String ref : refs) {
            List<String[]> entries = new ArrayList<>();
            List<String> inline = new ArrayList<>();
            for (String line : lines(run(migrated, "ls-tree", "-r", "--full-tree", ref))) {
                int tab = line.indexOf('\t');
                String[] meta = line.substring(0, tab).split(" ");
                entries.add(new String[] {meta[0], meta[2], line.substring(tab + 1)});
                if (!original.contains(meta[2])) {
                    inline.add(meta[2]);
                }
            }
            byte[][] contents = contents(migrated, inline);
            write(out, "commit " + ref + "\ncommitter Bench <bench@example.com> " + ++time + " +0000\ndata 4\nsame\n");
            int next = 0;
            for (String[] entry : entries) {
                if (!original.contains(entry[1])) {
                    byte[] content = contents[next++];
                    write(out, "M " + entry[0] + " inline " + entry[2] + "\ndata " + content.length + "\n");
                    out.write(content);
                    write(out, "\n");
                } else {
                    write(out, "M " + entry[0] + " " + entry[1] + " " + entry[2] + "\n");
                }
            }
            write(out, "\n");
        }
        write(out, "done\n");
        out.flush();
    }

    /** The blobs' contents, in order, from one {@code git cat-file --batch}. */
    private static byte[][] contents(String repo, List<String> ids) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("git", "-C", repo, "cat-file", "--batch").start();
        Thread feeder = new Thread(() -> {
            try (OutputStream in = process.getOutputStream()) {
                for (String id : ids) {
                    in.write((id + "\n").getBytes(StandardCharsets.US_ASCII));
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        feeder.start();
        byte[][] contents = new byte[ids.size()][];
        try (InputStream out = new BufferedInputStream(process.getInputStream(), 1 << 16)) {
            for (int i = 0; i < contents.length; i++) {
                String header = readLine(out);
                int size = Integer.parseInt(header.substring(header.lastIndexOf(' ') + 1));
                contents[i] = out.readNBytes(size);
                out.read();   // the '\n' after the content
            }
        }
        feeder.join();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("git cat-file --batch failed in " + repo);
        }
        return contents;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("unexpected end of git cat-file output");
            }
            line.append((char) c);
        }
        return line.toString();
    }

    private static String run(String repo, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("failed: " + command);
        }
        return output;
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
