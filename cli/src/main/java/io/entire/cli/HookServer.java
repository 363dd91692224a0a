package io.entire.cli;

import static java.util.Objects.requireNonNull;

import io.entire.core.Environment;
import io.entire.core.Log;
import io.entire.core.WatchedFolders;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.System.Logger.Level;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javax.management.JMException;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * Runs hooks for {@code bin/entire}, the native front ({@code cli/src/main/c/entire.c}), inside one resident JVM, so
 * that a hook costs a socket round trip instead of a JVM start, and runs code the JIT has already compiled. One server
 * per user, app build and JDK, on a UNIX socket only its owner can use; it exits after {@code idle} without requests.
 *
 * <p>The protocol, all integers unsigned 32-bit big-endian. Request: the magic {@code EHK1}, the argument count and
 * each argument, the working directory, the variable count and each {@code NAME=value}, then standard input; each
 * string or byte block is its length and its bytes. Response: frames of one kind byte and a length-prefixed block:
 * {@code a} (empty) as soon as the whole request is read, {@code o} standard output, {@code e} standard error,
 * {@code x} the exit code (4 bytes), which ends the response. The hook runs only once the {@code a} frame is written:
 * a client that stopped waiting for it has shut its reading side, so that write fails, and the client runs the hook
 * in a JVM of its own instead.
 *
 * <p>A request with the magic {@code EHK2} has no standard input block: its standard input follows the {@code a}
 * frame, as blocks, the last one empty. A prepare-commit-msg comes so, as the launcher's listing of the staged changes
 * is still being written: the hook reads its settings, message and sessions meanwhile, and waits for the listing only
 * when it needs it. The server reads what the hook left of it before the {@code x} frame. A client that leaves before
 * the empty block, or has not sent it {@link #STDIN_DEADLINE} after the {@code a} frame, has its hook abandoned: it
 * changes nothing more, and a client still there gets a {@code g} frame instead of an exit code. A commit-msg comes as
 * {@code EHK2} too, its stdin empty: it runs once that ends, for a client that still waits.
 *
 * <p>A read-only command ({@link ServedCommand}) comes as the magic {@code ECM1}, the arguments, working directory and
 * variables as above, then instead of standard input its terminal flags (4 bytes: {@link ServedCommand#STDIN_TERMINAL}
 * and {@link ServedCommand#STDOUT_TERMINAL}). Its response may hold a {@code p} frame, the command of the pager the
 * client then starts and sends the rest of standard output through. Standard output streams in frames of at most the
 * writer's buffer, so a long output is never held whole.
 */
final class HookServer {
    private static final System.Logger LOG = Log.of(HookServer.class);
    static final int MAGIC = 0x45484b31;   // "EHK1"
    /** "EHK2": standard input follows the acknowledgement (for commit-msg, an empty one: the client still waits). */
    static final int STREAMED_MAGIC = 0x45484b32;
    private static final int COMMAND_MAGIC = 0x45434d31;   // "ECM1"
    private static final char ACCEPTED = 'a';
    /** Sent instead of an exit code: the hook did not run here, its stdin having ended too late or not at all. */
    private static final char GAVE_UP = 'g';
    private static final int MAX_COUNT = 65_536;
    private static final int MAX_BLOCK = 64 << 20;
    /** How long an idle server still accepts after removing its socket: clients that connected just before. */
    private static final long ACCEPT_GRACE_MILLIS = 200;
    /**
     * How long the socket waits for its name after the warm-up, for the compiles it queued: hooks run in JVMs of their
     * own meanwhile.
     */
    private static final Duration COMPILES_CAP = Duration.ofSeconds(5);
    /** How long a listing waits for the kernel's events; once one waited in vain, folders are listed entry by entry. */
    private static final Duration WATCH_ANSWER_DEADLINE = Duration.ofMillis(250);
    /** How long a connection may take to send its whole request; our client sends it at once. */
    static final Duration REQUEST_DEADLINE = Duration.ofSeconds(60);
    /**
     * How long a streamed stdin may take after the acknowledgement before the client counts as gone and its hook is
     * abandoned: a stopped client (a suspended terminal) would otherwise hold a thread, and what its hook holds, for
     * ever. The launcher's {@code git diff --cached} started before the client, and takes well under a second on a
     * warm 100,000-file index, a few seconds cold; a slower one only costs time, as the client then leaves the hook to
     * a JVM of its own, which lists the changes again.
     */
    static final Duration STDIN_DEADLINE = Duration.ofSeconds(10);

    private final Path socket;
    private final Duration idle;
    private final Duration requestDeadline;
    private final Duration stdinDeadline;
    /** The user's home for a client that sent no {@code HOME}: the server runs as the only user it serves. */
    private final Path home;
    private final AtomicInteger running = new AtomicInteger();
    /** Connections whose request has not all arrived, with when they were accepted. */
    private final Map<SocketChannel, Long> awaitingRequest = new ConcurrentHashMap<>();
    /** Connections of streamed hooks whose stdin has not ended, with when they were acknowledged. */
    private final Map<SocketChannel, Long> awaitingStdin = new ConcurrentHashMap<>();
    private final AtomicLong lastActivity = new AtomicLong(System.nanoTime());
    /**
     * The threads that run requests, kept for the next ones: starting a thread per request put its start on every
     * hook's path. Daemons, since {@link #serve()} returns only once no request runs.
     */
    private final ExecutorService handlers = Executors.newCachedThreadPool(work -> {
        Thread thread = new Thread(work, "hook-request");
        thread.setDaemon(true);
        return thread;
    });

    HookServer(Path socket, Duration idle, Duration requestDeadline, Path home) {
        this(socket, idle, requestDeadline, STDIN_DEADLINE, home);
    }

    HookServer(Path socket, Duration idle, Duration requestDeadline, Duration stdinDeadline, Path home) {
        this.socket = requireNonNull(socket, "socket is null").toAbsolutePath();
        this.idle = requireNonNull(idle, "idle is null");
        this.requestDeadline = requireNonNull(requestDeadline, "requestDeadline is null");
        this.stdinDeadline = requireNonNull(stdinDeadline, "stdinDeadline is null");
        this.home = requireNonNull(home, "home is null");
        if (idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException("idle time must be positive: " + idle);
        }
        if (requestDeadline.isNegative() || requestDeadline.isZero()) {
            throw new IllegalArgumentException("request deadline must be positive: " + requestDeadline);
        }
        if (stdinDeadline.isNegative() || stdinDeadline.isZero()) {
            throw new IllegalArgumentException("stdin deadline must be positive: " + stdinDeadline);
        }
    }

    /** {@code entire hook-server <socket> [idle seconds]}, as the launcher starts it, in {@code environment}. */
    static int main(String[] args, Environment environment, PrintWriter err) {
        if (args.length < 2 || args.length > 3) {
            err.println("usage: entire hook-server <socket> [idle seconds]");
            return ExitCode.USAGE;
        }
        HookServer server;
        try {
            Duration idle = Duration.ofSeconds(args.length == 3 ? Long.parseLong(args[2]) : 600);
            server = new HookServer(Path.of(args[1]), idle, REQUEST_DEADLINE, environment.home());
        } catch (IllegalArgumentException e) {
            err.println("entire hook-server: " + e.getMessage());
            return ExitCode.USAGE;
        }
        try {
            return server.serve(warming -> CacheTraining.warmUp(environment, new WarmUpClient(warming)));
        } catch (IOException e) {
            err.println("entire hook-server: " + server.socket + ": " + e);
            return ExitCode.FAILED;
        }
    }

    /** Serves until idle; returns at once when another server holds this socket. */
    int serve() throws IOException {
        return serve(warming -> { });
    }

    /**
     * As {@link #serve()}, warming up first: {@code warmUp} is given the socket, bound under another name
     * ({@code <socket>.warming}), and sends it hooks in a scratch repository as the client does, so that they take the
     * paths the first clients' hooks take (the request, its environment, the reply, the work after it) and load and
     * compile them. The socket takes its name once the warm-up returns and the compiles it queued are done; until then
     * hooks run in a JVM of their own, as they do while a server starts, and none waits for the warm-up.
     */
    int serve(Consumer<Path> warmUp) throws IOException {
        Path lockFile = socket.resolveSibling(socket.getFileName() + ".lock");
        try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = tryLock(lockChannel)) {
            if (lock == null) {
                LOG.log(Level.INFO, "another server holds " + lockFile);
                return ExitCode.OK;
            }
            Files.deleteIfExists(socket);   // left by a server that was killed: the lock says nobody serves it
            Path warming = socket.resolveSibling(socket.getFileName() + ".warming");
            Files.deleteIfExists(warming);
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                    WatchedFolders folders = WatchedFolders.open(
                            socket.resolveSibling(socket.getFileName() + ".watch"), WATCH_ANSWER_DEADLINE)) {
                server.bind(UnixDomainSocketAddress.of(warming));
                Files.setPosixFilePermissions(warming, PosixFilePermissions.fromString("rw-------"));
                String owner = Files.getOwner(warming).getName();
                startWarmUp(server, warming, warmUp);
                acceptUntilClosed(server, owner, folders);
                awaitRunning();
            } finally {
                handlers.shutdown();
                Files.deleteIfExists(warming);
                Files.deleteIfExists(socket);
            }
        }
        return ExitCode.OK;
    }

    /**
     * Runs {@code warmUp} against the socket bound at {@code warming} while this server accepts, waits for the compiles
     * it queued, then gives the socket its name and starts the watchdog. A server that could not do both closes,
     * whatever went wrong: unnamed or unwatched, it would hold the lock and serve nobody. The next hook starts another.
     */
    private void startWarmUp(ServerSocketChannel server, Path warming, Consumer<Path> warmUp) {
        Thread thread = new Thread(() -> {
            boolean listening = false;
            try {
                warmUp.accept(warming);
                closeSilentConnections();   // the watchdog's check, so that its first run loads nothing a hook waits on
                // Built before the socket has its name (a rename keeps the inode): linking it then loaded classes
                // while the first hooks ran.
                Thread watchdog = watchdog(server, Files.readAttributes(warming, "unix:ino").get("ino"));
                awaitCompiles();
                Files.move(warming, socket, StandardCopyOption.ATOMIC_MOVE);
                watchdog.start();
                listening = true;
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "the hook server could not start listening on " + socket, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                if (!listening) {
                    close(server);
                }
            }
        }, "hook-server-warm-up");
        thread.start();
    }

    private static void awaitCompiles() throws InterruptedException {
        long start = System.nanoTime();
        try {
            boolean done = CompilerQueue.awaitEmpty(COMPILES_CAP);
            LOG.log(Level.INFO, (done ? "the warm-up's compiles ended in " : "the warm-up's compiles still ran after ")
                    + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
            CompilerQueue.awaitEmpty(COMPILES_CAP);   // what that line queued: it links and runs code the hooks do not
        } catch (JMException e) {
            LOG.log(Level.INFO, "not waiting for the warm-up's compiles: " + e);
        }
    }

    private static void close(ServerSocketChannel server) {
        try {
            server.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "closing the hook server failed", e);
        }
    }

    /** The lock, or null when another server holds it (in another process, or in this one). */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldHere) {
            return null;
        }
    }

    /**
     * Serves until the server channel closes. Each request runs on the thread that accepted it, which first hands the
     * accepting to another: handing each connection to a second thread woke that thread on every hook's path.
     */
    private void acceptUntilClosed(ServerSocketChannel server, String owner, WatchedFolders folders)
            throws IOException {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        handlers.execute(() -> acceptAndRun(server, owner, folders, closed));
        try {
            closed.join();
        } catch (CompletionException e) {
            throw (IOException) e.getCause();
        }
    }

    private void acceptAndRun(ServerSocketChannel server, String owner, WatchedFolders folders,
            CompletableFuture<Void> closed) {
        SocketChannel client;
        try {
            client = server.accept();
        } catch (ClosedChannelException e) {
            closed.complete(null);   // the watchdog closed it (idle, or the socket file is gone), or the warm-up failed
            return;
        } catch (IOException e) {
            closed.completeExceptionally(e);
            return;
        }
        running.incrementAndGet();
        awaitingRequest.put(client, System.nanoTime());
        handlers.execute(() -> acceptAndRun(server, owner, folders, closed));
        try (client) {
            handle(client, owner, folders);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "a hook request failed", e);
        } finally {
            awaitingRequest.remove(client);
            awaitingStdin.remove(client);
            lastActivity.set(System.nanoTime());
            running.decrementAndGet();
        }
    }

    /**
     * The thread (not started) that closes the server when it has been idle long enough, or when its socket file was
     * removed or replaced. An idle server first removes its socket, so no client can connect any more, and serves
     * whoever connected just before. It ends connections that sent no whole request, or no whole streamed stdin, in
     * time too: each would hold a thread, and the server, forever; a reader blocked on a channel ignores timeouts, but
     * not its channel's closing, nor the shutting of its input side.
     */
    private Thread watchdog(ServerSocketChannel server, Object socketFile) {
        long checkMillis = Math.max(50, Math.min(idle.toMillis() / 4, 1_000));
        Thread watchdog = new Thread(() -> {
            while (server.isOpen()) {
                try {
                    Thread.sleep(checkMillis);
                    closeSilentConnections();
                    boolean ours = socketFile.equals(inode());
                    if (ours && running.get() == 0 && System.nanoTime() - lastActivity.get() >= idle.toNanos()) {
                        Files.deleteIfExists(socket);
                        Thread.sleep(ACCEPT_GRACE_MILLIS);
                        server.close();
                    } else if (!ours) {
                        server.close();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "closing the hook server failed", e);
                    return;
                }
            }
        }, "hook-server-watchdog");
        watchdog.setDaemon(true);
        return watchdog;
    }

    private void closeSilentConnections() {
        closeOverdue(awaitingRequest, requestDeadline, "no whole request", SocketChannel::close);
        // Its input side only: the hook's thread, woken, abandons the hook and tells the client so (GAVE_UP), which
        // then leaves the hook to the launcher even when its listing had all been sent.
        closeOverdue(awaitingStdin, stdinDeadline, "no whole streamed stdin after the acknowledgement",
                SocketChannel::shutdownInput);
    }

    /** Ends the connections of {@code waiting} whose time since they were put there passed {@code deadline}. */
    private static void closeOverdue(Map<SocketChannel, Long> waiting, Duration deadline, String what,
            ConnectionEnd end) {
        long now = System.nanoTime();
        waiting.forEach((client, since) -> {
            // Removed first: a reader that removes it itself (its stdin ended) finds it gone, and knows it was ended.
            if (now - since >= deadline.toNanos() && waiting.remove(client, since)) {
                LOG.log(Level.WARNING, "gave up on a connection that sent " + what + " in " + deadline);
                try {
                    end.apply(client);
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "closing a silent connection failed", e);
                }
            }
        });
    }

    /** How the watchdog ends a connection that took too long. */
    @FunctionalInterface
    private interface ConnectionEnd {
        void apply(SocketChannel client) throws IOException;
    }

    /** Lets the hooks still running finish: the JVM ends when {@link #serve()} returns. */
    private void awaitRunning() {
        while (running.get() > 0) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Object inode() {
        try {
            return Files.readAttributes(socket, "unix:ino").get("ino");
        } catch (IOException e) {
            return null;   // removed
        }
    }

    private void handle(SocketChannel client, String owner, WatchedFolders folders) throws IOException {
        UnixDomainPrincipal peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
        DataOutputStream response = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(client)));
        if (!peer.user().getName().equals(owner)) {
            LOG.log(Level.WARNING, "refused a request from user " + peer.user().getName());
            return;
        }
        Request request;
        // Buffered: a request is some hundred small blocks (the environment), each otherwise a read of its own.
        DataInputStream input = new DataInputStream(new BufferedInputStream(Channels.newInputStream(client)));
        try {
            request = Request.read(input);
        } catch (EOFException e) {
            LOG.log(Level.DEBUG, "a client left before its request was complete");
            return;
        } catch (AsynchronousCloseException e) {
            return;   // the watchdog gave up on it
        }
        awaitingRequest.remove(client);
        try {
            response.writeByte(ACCEPTED);
            response.writeInt(0);
            response.flush();
        } catch (IOException e) {
            LOG.log(Level.INFO, "a client stopped waiting before this server took its hook; not run here: "
                    + String.join(" ", request.args()));
            return;
        }
        FrameStream stdout = new FrameStream(response, 'o');
        PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), false);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FrameStream(response, 'e'),
                StandardCharsets.UTF_8), true);
        if (request.command()) {
            reply(response, out, err, ServedCommand.run(List.of(request.args()), clientEnvironment(request, folders),
                    request.terminals(), stdout, out, err, new FrameStream(response, 'p')));
            return;
        }
        if (request.args().length == 0 || !request.args()[0].equals("hooks")) {
            err.println("entire: the hook server runs hooks only, not: " + String.join(" ", request.args()));
            reply(response, out, err, ExitCode.USAGE);
            return;
        }
        HookStreams streams = new HookStreams(clientEnvironment(request, folders), out, err);
        InputStream stdin = new ByteArrayInputStream(request.stdin());
        if (request.streamed()) {
            awaitingStdin.put(client, System.nanoTime());
            stdin = new StreamedInput(input, () -> awaitingStdin.remove(client) != null);
        }
        try {
            if (request.streamed() && !readsStreamAsItRuns(request.args())) {
                // Its stdin is only the client's word that it still waits: git reads the file such a hook edits once
                // the client returns, so the hook runs for a client that stayed, never beside git.
                stdin = new ByteArrayInputStream(stdin.readAllBytes());
            }
            int code = HookEntry.runUntilReply(request.args(), stdin, streams);
            skipRest(stdin);
            reply(response, out, err, code);
        } catch (ClientLeftException e) {
            // A client that left runs the hook in a JVM of its own, or has given it up; one still there hears it.
            LOG.log(Level.INFO, "abandoned a hook whose client left before its standard input ended ("
                    + e.getMessage() + "): " + String.join(" ", request.args()));
            tellGaveUp(response);
        } finally {
            // Also when the reply failed: that work releases what the hook holds. The client has left, so it writes
            // to none of the client's streams.
            HookEntry.runAfterReply(new HookStreams(streams.environment(), new PrintWriter(Writer.nullWriter()),
                    new PrintWriter(Writer.nullWriter()), streams.afterReply()));
        }
    }

    /**
     * Whether a streamed hook reads its stdin while it runs (prepare-commit-msg, the launcher's listing of the staged
     * changes, which it abandons when the client leaves before the listing ends); any other streamed stdin is read to
     * its end before the hook starts.
     */
    private static boolean readsStreamAsItRuns(String[] args) {
        return args.length >= 3 && args[1].equals("git") && args[2].equals("prepare-commit-msg");
    }

    /**
     * Reads what the hook left of a streamed stdin: the client sends all of it before it reads the answer.
     *
     * @throws ClientLeftException when it left first
     */
    private static void skipRest(InputStream stdin) throws IOException {
        stdin.transferTo(OutputStream.nullOutputStream());
    }

    /** Tells a client whose stdin this server stopped reading that its hook did not run here, if it still listens. */
    private static void tellGaveUp(DataOutputStream response) {
        try {
            synchronized (response) {
                response.writeByte(GAVE_UP);
                response.writeInt(0);
                response.flush();
            }
        } catch (IOException gone) {
            // it left first
        }
    }

    private static void reply(DataOutputStream response, PrintWriter out, PrintWriter err, int exitCode)
            throws IOException {
        out.flush();
        err.flush();
        synchronized (response) {
            response.writeByte('x');
            response.writeInt(4);
            response.writeInt(exitCode);
            response.flush();
        }
    }

    /**
     * The environment of the client's process, which the hook runs in instead of this server's; with
     * {@link LauncherStagedChanges#VARIABLE}, the launcher had git list a prepare-commit-msg's staged changes while
     * the client started, and they are its stdin. Its hooks share this server's watched folders.
     */
    private Environment clientEnvironment(Request request, WatchedFolders folders) {
        return Environment.of(request.environment(), request.workingDirectory(), home).withFolders(folders);
    }

    /**
     * One hook or command invocation as a client sends it; a command has terminal flags and no stdin, and a streamed
     * hook's stdin follows the acknowledgement.
     */
    private record Request(String[] args, Path workingDirectory, Map<String, String> environment, byte[] stdin,
            boolean command, int terminals, boolean streamed) {
        static Request read(DataInputStream in) throws IOException {
            int magic = in.readInt();
            if (magic != MAGIC && magic != STREAMED_MAGIC && magic != COMMAND_MAGIC) {
                throw new IOException("not a hook request (bad magic)");
            }
            String[] args = new String[count(in)];
            for (int i = 0; i < args.length; i++) {
                args[i] = string(in);
            }
            Path workingDirectory = Path.of(string(in));
            int variables = count(in);
            Map<String, String> environment = new HashMap<>(variables * 2);
            for (int i = 0; i < variables; i++) {
                String variable = string(in);
                int equals = variable.indexOf('=');
                if (equals > 0) {
                    environment.put(variable.substring(0, equals), variable.substring(equals + 1));
                }
            }
            if (magic == COMMAND_MAGIC) {
                return new Request(args, workingDirectory, environment, new byte[0], true, in.readInt(), false);
            }
            if (magic == STREAMED_MAGIC) {
                return new Request(args, workingDirectory, environment, new byte[0], false, 0, true);
            }
            return new Request(args, workingDirectory, environment, block(in), false, 0, false);
        }

        private static int count(DataInputStream in) throws IOException {
            int count = in.readInt();
            if (count < 0 || count > MAX_COUNT) {
                throw new IOException("implausible count in a hook request: " + Integer.toUnsignedString(count));
            }
            return count;
        }

        private static String string(DataInputStream in) throws IOException {
            return new String(block(in), StandardCharsets.UTF_8);
        }

        private static byte[] block(DataInputStream in) throws IOException {
            byte[] bytes = new byte[blockLength(in)];
            in.readFully(bytes);
            return bytes;
        }
    }

    private static int blockLength(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_BLOCK) {
            throw new IOException("implausible length in a hook request: " + Integer.toUnsignedString(length));
        }
        return length;
    }

    /**
     * A streamed request's stdin: the blocks that follow the acknowledgement, up to the empty one. A client that left
     * first, or whose input the watchdog ended for taking too long ({@link #STDIN_DEADLINE}), is a
     * {@link ClientLeftException}, never a mere end or failure of the input: the hook must not go on without it.
     */
    private static final class StreamedInput extends InputStream {
        private final DataInputStream in;
        /** At the empty block: false when the watchdog ended the input first, whatever was read. */
        private final BooleanSupplier endedInTime;
        private int left;
        private boolean ended;

        StreamedInput(DataInputStream in, BooleanSupplier endedInTime) {
            this.in = in;
            this.endedInTime = endedInTime;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            try {
                if (left == 0 && !ended) {
                    left = blockLength(in);
                    if (left == 0 && !endedInTime.getAsBoolean()) {
                        throw new ClientLeftException("closed for taking too long",
                                new AsynchronousCloseException());
                    }
                    ended = left == 0;
                }
                if (ended) {
                    return -1;
                }
                if (length == 0) {
                    return 0;
                }
                int read = in.read(into, offset, Math.min(length, left));
                if (read < 0) {
                    throw new EOFException("the connection ended");
                }
                left -= read;
                return read;
            } catch (IOException e) {
                throw new ClientLeftException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(),
                        e);
            }
        }
    }

    /** Sends what is written as frames of one kind; standard output and error share the connection. */
    private static final class FrameStream extends OutputStream {
        private final DataOutputStream response;
        private final char kind;

        FrameStream(DataOutputStream response, char kind) {
            this.response = response;
            this.kind = kind;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return;
            }
            synchronized (response) {
                response.writeByte(kind);
                response.writeInt(length);
                response.write(bytes, offset, length);
                response.flush();
            }
        }
    }
}
