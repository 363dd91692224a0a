package io.entire.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process that writes scratch files the way a hook does and stays until its stdin closes, or it is killed: a live
 * writer for tests, and once killed, the leftovers of an interrupted one. Prints its folder when it is ready.
 */
public final class ScratchHolder {
    private ScratchHolder() {
    }

    public static void main(String[] args) throws IOException {
        ScratchSpace space = ScratchSpace.open(Path.of(args[0]));
        Files.write(space.directory().resolve("transcript.jsonl"), new byte[1 << 20]);
        System.out.println(space.directory());
        System.out.flush();
        System.in.read();
        space.close();
    }

    /** Starts a holder of a space in {@code root}; returns once its folder exists. */
    static Holder start(Path root) throws IOException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ScratchHolder.class.getName(), root.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        if (line == null) {
            throw new IOException("the scratch holder ended before it was ready: " + process.onExit().join());
        }
        return new Holder(process, Path.of(line));
    }

    /** A running holder and its folder. */
    record Holder(Process process, Path directory) {
        /** Kills it as {@code kill -9} would: nothing of it runs to clean up. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
