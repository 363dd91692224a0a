package io.entire.cli;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import javax.management.JMException;
import javax.management.JMRuntimeException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Waits for the JIT compilers to run out of work, so that the hook server's warm-up does not leave its compiles to run
 * beside the first hooks it serves (on two cores, a C2 compile takes one of them). It asks the JVM's
 * {@code Compiler.queue} diagnostic command (as {@code jcmd} does), which lists the compiles under way and those
 * queued; the compilers' total time grows only as a compile ends, and one long compile hid those queued behind it.
 */
final class CompilerQueue {
    private static final long POLL_MILLIS = 10;

    private CompilerQueue() {
    }

    /**
     * Returns true once no compile is under way or queued, false when some still are after {@code cap}.
     *
     * @throws JMException when this JVM has no such command (not HotSpot)
     */
    static boolean awaitEmpty(Duration cap) throws JMException, InterruptedException {
        long start = System.nanoTime();
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName diagnostics = new ObjectName("com.sun.management:type=DiagnosticCommand");
        while (!empty(server, diagnostics)) {
            if (System.nanoTime() - start >= cap.toNanos()) {
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }

    /**
     * What the command prints: a heading for the compiles under way and one for each compiler's queue, each followed by
     * its compiles, one a line, or by "Empty".
     */
    private static boolean empty(MBeanServer server, ObjectName diagnostics) throws JMException {
        Object listing;
        try {
            listing = server.invoke(diagnostics, "compilerQueue", new Object[] {null},
                    new String[] {String[].class.getName()});
        } catch (JMRuntimeException e) {
            throw new JMException("Compiler.queue failed: " + e);
        }
        return String.valueOf(listing).lines().map(String::strip)
                .allMatch(line -> line.isEmpty() || line.endsWith(":") || line.equals("Empty"));
    }
}
