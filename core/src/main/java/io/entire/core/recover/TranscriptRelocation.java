package io.entire.core.recover;

import io.entire.core.agent.TranscriptRewrite;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the paths of a transcript recorded in one clone so that they point into another: every occurrence of the
 * old work tree path that is not part of a longer name ({@code /home/a/repo} in {@code /home/a/repo/src/x.java} or
 * {@code "/home/a/repo"}, never in {@code /home/a/repo2}).
 */
final class TranscriptRelocation {
    /** A few touched files tell the work tree apart; checking every one would cost a pass per file. */
    private static final int FILES_CHECKED = 20;

    private TranscriptRelocation() {
    }

    /**
     * The work tree a transcript was recorded in: the folder the agent ran in ({@code cwd}), or the deepest folder
     * above it under which the transcript names a file the session touched, when the agent was started in a
     * subdirectory.
     */
    static Path originalWorkTree(Path transcript, Path cwd, List<String> touchedFiles) {
        List<String> files = touchedFiles.subList(0, Math.min(FILES_CHECKED, touchedFiles.size()));
        List<String> folders = new ArrayList<>();
        for (Path folder = cwd; folder != null && folder.getNameCount() > 0; folder = folder.getParent()) {
            folders.add(folder + "/");
        }
        int deepest = folders.size();
        try (BufferedReader in = Files.newBufferedReader(transcript, StandardCharsets.UTF_8)) {
            String line;
            while (deepest > 0 && (line = in.readLine()) != null) {
                deepest = Math.min(deepest, deepestNaming(line, folders, files, deepest));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + transcript, e);
        }
        return deepest < folders.size() ? Path.of(folders.get(deepest)) : cwd;
    }

    /** The index of the deepest of the first {@code limit} folders under which the line names a file. */
    private static int deepestNaming(String line, List<String> folders, List<String> files, int limit) {
        for (int i = 0; i < limit; i++) {
            if (line.contains(folders.get(i))) {
                for (String file : files) {
                    if (line.contains(folders.get(i) + file)) {
                        return i;
                    }
                }
            }
        }
        return limit;
    }

    /**
     * Copies {@code source} to {@code target} line by line, each with the agent's {@code rewrites} made, then
     * {@code from} replaced by {@code to}.
     */
    static void rewrite(Path source, Path target, Path from, Path to, List<TranscriptRewrite> rewrites) {
        Pattern old = Pattern.compile(Pattern.quote(from.toString()) + "(?![A-Za-z0-9._-])");
        String replacement = Matcher.quoteReplacement(to.toString());
        try (BufferedReader in = Files.newBufferedReader(source, StandardCharsets.UTF_8);
                BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                for (TranscriptRewrite rewrite : rewrites) {
                    line = rewrite.pattern().matcher(line).replaceAll(Matcher.quoteReplacement(rewrite.replacement()));
                }
                out.write(old.matcher(line).replaceAll(replacement));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("rewriting the paths of " + source, e);
        }
    }
}
