package io.entire.cli;

import io.entire.core.capture.Interaction;
import io.entire.core.capture.LinkAnswer;
import io.entire.core.capture.LinkConfirmation;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Asks on the controlling terminal ({@code /dev/tty}), which works inside a git hook even though git took stdin and
 * maybe stderr. There is no terminal for an agent's shell, CI, or when {@code ENTIRE_NO_TTY} is set.
 */
final class TtyConfirmation implements LinkConfirmation {
    private static final String DEVICE = "/dev/tty";

    /** Whether anyone can be asked, without asking anything. */
    static Interaction detect(Map<String, String> env) {
        if (env.containsKey("CI") || env.containsKey("CLAUDECODE") || env.containsKey("ENTIRE_NO_TTY")) {
            return Interaction.NONE;
        }
        try (RandomAccessFile tty = new RandomAccessFile(DEVICE, "rw")) {
            return Interaction.TERMINAL;
        } catch (IOException noControllingTerminal) {
            return Interaction.NONE;
        }
    }

    @Override
    public LinkAnswer ask(String question, String context) {
        try (RandomAccessFile tty = new RandomAccessFile(DEVICE, "rw")) {
            String prompt = (context.isEmpty() ? "" : context + "\n") + question + " [Y/n/a] ";
            tty.write(prompt.getBytes(StandardCharsets.UTF_8));
            String answer = readLine(tty).strip().toLowerCase(Locale.ROOT);
            if (answer.startsWith("n")) {
                return LinkAnswer.NO;
            }
            return answer.startsWith("a") ? LinkAnswer.ALWAYS : LinkAnswer.YES;
        } catch (IOException e) {
            throw new UncheckedIOException("asking on " + DEVICE, e);
        }
    }

    private static String readLine(RandomAccessFile tty) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = tty.read()) >= 0 && c != '\n') {
            line.append((char) c);
        }
        return line.toString();
    }
}
