package io.entire.core.recover;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the paths of a transcript recorded in one clone so that they point into another: every occurrence of the
 * old work tree path that is not part of a longer name ({@code /home/a/repo} in {@code /home/a/repo/src/x.java} or
 * {@code "/home/a/repo"}, never in {@code /home/a/repo2}).
 */
final class TranscriptRelocation {
    private TranscriptRelocation() {
    }

    /** Copies {@code source} to {@code target} line by line with {@code from} replaced by {@code to}. */
    static void rewrite(Path source, Path target, Path from, Path to) {
        Pattern old = Pattern.compile(Pattern.quote(from.toString()) + "(?![A-Za-z0-9._-])");
        String replacement = Matcher.quoteReplacement(to.toString());
        try (BufferedReader in = Files.newBufferedReader(source, StandardCharsets.UTF_8);
                BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(old.matcher(line).replaceAll(replacement));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("rewriting the paths of " + source, e);
        }
    }
}
