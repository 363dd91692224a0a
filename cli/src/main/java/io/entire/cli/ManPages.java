package io.entire.cli;

import io.entire.core.Environment;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Run by the build (exec-maven-plugin, package phase), never by {@code entire}: writes the man pages of every command,
 * in AsciiDoc as picocli-codegen's ManPageGenerator writes them, to the folder its one argument names. The codegen
 * jar is on the build's class path only.
 */
public final class ManPages {
    private ManPages() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ManPages <output folder>");
        }
        PrintWriter discard = new PrintWriter(OutputStream.nullOutputStream());
        Environment environment = Environment.of(Map.of(), Path.of("").toAbsolutePath(), Path.of("").toAbsolutePath());
        Terminal terminal = Terminal.detect(Map.of("ENTIRE_NO_TTY", "1"));
        CliContext context = new CliContext(environment, discard, discard, BuildInfo.load(), terminal,
                new Style(false), Times.of(environment), Pager.NONE);
        int status = ManPageGenerator.generateManPage(new File(args[0]), null, new boolean[0], false,
                Commands.wholeTree(context).getCommandSpec());
        if (status != 0) {
            throw new IOException("ManPageGenerator failed with status " + status);
        }
    }
}
