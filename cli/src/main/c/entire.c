/*
 * bin/entire, as install.sh builds it with a C compiler: the native front of entire. It hands a hook, or one of the
 * read-only commands, to the hook server of this build and JDK (io.entire.cli.HookServer) over a UNIX socket, so that
 * neither a JVM nor a shell starts for it, and leaves everything else to the launcher beside it
 * (bin/entire-launcher, a POSIX sh script), which it runs in its own place (exec). The server's socket is found as the
 * launcher finds it: the JDK it would pick (ENTIRE_JAVA, JAVA_HOME, the JDK bin/entire.release names, java on PATH),
 * that JDK's major version, and the build id in bin/entire.release. When the server did not run the command, the
 * launcher is told why in ENTIRE_FRONT_STATUS (124 or 125, below) and runs it in a JVM, starting a server for the next
 * ones after a 125. Without a C compiler, install.sh installs the launcher itself as bin/entire.
 *
 * Named entire-hook-client, the same program is the bare client, with the socket as its first argument (the tests
 * drive servers of their own through it):
 *
 *   entire-hook-client <socket> hooks <agent> <verb> [args...]
 *   entire-hook-client <socket> search|blame|explain|checkpoint list [args...]
 *
 * A hook: it forwards its arguments, working directory, environment and (agent hooks, post-rewrite, and a
 * prepare-commit-msg's listing of the staged changes) standard input, then copies the server's standard output
 * and error and exits with the hook's exit code. The front has git list a prepare-commit-msg's staged changes
 * (git diff --cached, the arguments of Changes.STAGED_ARGUMENTS, then git's exit status) while it connects; the bare
 * client reads that listing on stdin when ENTIRE_STAGED_CHANGES=stdin. It is sent as git writes it, once the server
 * took the hook, so that the hook does its other reading meanwhile; a commit-msg sends an empty one,
 * which confirms that the client still waits. Exit 124: the hook must not
 * run in the server (it may ask on the terminal); the launcher runs the JVM. Exit 125: no server took the hook, and
 * none will: nobody listens on the socket, or the server did not acknowledge the request within
 * ENTIRE_HOOK_ACCEPT_TIMEOUT seconds (default 2; a stopped or stuck server). The launcher then runs the JVM, with the
 * payload this client read from stdin saved to the file $ENTIRE_HOOK_PAYLOAD names. The server runs a hook only once
 * its acknowledgement is written, and a client that gives up first shuts its reading side, so that write fails: a
 * hook never runs twice. A streamed prepare-commit-msg or a commit-msg whose acknowledgement came just too late, or
 * whose server gave up on its stdin (its listing, its confirmation) before it ended in time, exits 125 too: the server
 * abandons a hook whose stdin did not end in time, writes nothing, and says so if the client still listens. A server
 * that took the hook
 * and fails, or takes longer than ENTIRE_HOOK_TIMEOUT seconds (default 300), never fails the hook: a message, exit 0.
 *
 * A command: the same, without stdin, and with whether stdin and stdout are terminals, so that the server
 * colours and pages exactly as a JVM of its own would; when the command asks for the pager, this client runs it
 * ($PAGER through sh, on the terminal) and sends stdout through it. A command has no time bound (the user
 * interrupts it), and unlike a hook it may fail: a server that goes away before the exit code is one line on stderr
 * and exit 1, since what it printed so far cannot be taken back. Exits 124 and 125 as for hooks.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NOT_SERVED 124
#define NO_SERVER 125
#define MAGIC 0x45484b31u /* "EHK1" */
#define STREAMED_MAGIC 0x45484b32u /* "EHK2": standard input follows the acknowledgement, in blocks */
#define COMMAND_MAGIC 0x45434d31u /* "ECM1" */
#define ACCEPTED 'a'
#define GAVE_UP 'g' /* the server did not run the hook: what follows the acknowledgement did not end in time */
#define FAILED 1
/* The terminal flags of a command request: what a JVM of its own reads off its console (ServedCommand). */
#define STDIN_TERMINAL 1u
#define STDOUT_TERMINAL 2u

/* Once the server took the hook: when to say, once, that it is still running, and what. */
static struct timespec notice_at;
static const char *notice_verb;
static double notice_bound;

extern char **environ;

/*
 * Where a streamed prepare-commit-msg's listing comes from: stdin, or (list_staged_changes, the front) a git started
 * once the server is there, whose pid is listing_git until it is reaped.
 */
static int list_staged_changes = 0;
static int listing_fd = STDIN_FILENO;
static pid_t listing_git = 0;

struct buffer {
    char *data;
    size_t length;
    size_t capacity;
};

static void fail_memory(void) {
    fputs("entire: out of memory in the hook client\n", stderr);
    exit(0); /* a hook never fails the user's command */
}

static void append(struct buffer *b, const void *bytes, size_t length) {
    if (b->length + length > b->capacity) {
        size_t capacity = b->capacity ? b->capacity : 4096;
        while (capacity < b->length + length) {
            capacity *= 2;
        }
        char *grown = realloc(b->data, capacity);
        if (!grown) {
            fail_memory();
        }
        b->data = grown;
        b->capacity = capacity;
    }
    memcpy(b->data + b->length, bytes, length);
    b->length += length;
}

static void append_u32(struct buffer *b, uint32_t value) {
    unsigned char bytes[4] = {value >> 24, value >> 16, value >> 8, value};
    append(b, bytes, 4);
}

static void append_block(struct buffer *b, const void *bytes, size_t length) {
    append_u32(b, (uint32_t) length);
    append(b, bytes, length);
}

static void append_string(struct buffer *b, const char *s) {
    append_block(b, s, strlen(s));
}

static int lost(const char *what) {
    fprintf(stderr, "entire: the hook server %s; this hook may not have recorded anything (see .entire/logs)\n",
            what);
    return 0;
}

/* True when the hook could ask the person at the terminal, which only a JVM of its own may do. */
static int interactive(void) {
    if (getenv("CI") || getenv("CLAUDECODE") || getenv("ENTIRE_NO_TTY")) {
        return 0;
    }
    int tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (tty < 0) {
        return 0;
    }
    close(tty);
    return 1;
}

static long long millis_until(const struct timespec *when) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (when->tv_sec - now.tv_sec) * 1000LL + (when->tv_nsec - now.tv_nsec) / 1000000;
}

static struct timespec after_millis(long long millis) {
    struct timespec at;
    clock_gettime(CLOCK_MONOTONIC, &at);
    at.tv_sec += millis / 1000;
    at.tv_nsec += (millis % 1000) * 1000000;
    if (at.tv_nsec >= 1000000000) {
        at.tv_sec++;
        at.tv_nsec -= 1000000000;
    }
    return at;
}

/* Waits until fd is readable or writable (events), or the deadline passes: 1 ready, 0 timed out, -1 error. */
static int await(int fd, short events, const struct timespec *deadline) {
    for (;;) {
        long long left = millis_until(deadline);
        if (left <= 0) {
            return 0;
        }
        if (notice_verb) {
            long long until_notice = millis_until(&notice_at);
            if (until_notice <= 0) {
                fprintf(stderr, "entire: the hook server is still running %s; waiting up to %g s in all"
                        " (ENTIRE_HOOK_TIMEOUT)\n", notice_verb, notice_bound);
                notice_verb = NULL;
            } else if (until_notice < left) {
                left = until_notice;
            }
        }
        struct pollfd p = {fd, events, 0};
        int ready = poll(&p, 1, left > 60000 ? 60000 : (int) left);
        if (ready > 0) {
            return 1;
        }
        if (ready < 0 && errno != EINTR) {
            return -1;
        }
    }
}

/* Reads exactly length bytes: 1 done, 0 end of stream or timeout (*timed_out says which), -1 error. */
static int read_fully(int fd, void *into, size_t length, const struct timespec *deadline, int *timed_out) {
    char *at = into;
    while (length > 0) {
        int ready = await(fd, POLLIN, deadline);
        if (ready <= 0) {
            *timed_out = ready == 0;
            return ready == 0 ? 0 : -1;
        }
        ssize_t n = read(fd, at, length);
        if (n == 0) {
            return 0;
        }
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN) {
                continue;
            }
            return -1;
        }
        at += n;
        length -= (size_t) n;
    }
    return 1;
}

/* Writes all bytes to a non-blocking fd before the deadline (none: NULL): 0 done, -1 error or timeout. */
static int write_fully(int fd, const char *bytes, size_t length, const struct timespec *deadline) {
    while (length > 0) {
        ssize_t n = write(fd, bytes, length);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            if (errno == EAGAIN && deadline && await(fd, POLLOUT, deadline) == 1) {
                continue;
            }
            return -1;
        }
        bytes += n;
        length -= (size_t) n;
    }
    return 0;
}

/* The exit status of the git the front started to list the staged changes, as sh's $? gives it; it is reaped. */
static int git_exit_status(void) {
    int status;
    pid_t pid = listing_git;
    listing_git = 0;
    close(listing_fd);
    listing_fd = -1;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            return 127;
        }
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/*
 * Sends the listing (stdin, or what the front's git writes, then its exit status line) as blocks, each its length
 * and its bytes, then an empty one: 0, or -1 when the server went away or took none of it before the deadline. An
 * unreadable listing ends early, and the hook runs git itself.
 */
static int stream_stdin(int server, const struct timespec *deadline) {
    char block[4 + 65536];
    for (;;) {
        ssize_t n = read(listing_fd, block + 4, sizeof block - 4);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0 && listing_git > 0) {
            n = snprintf(block + 4, sizeof block - 4, "git-exit:%d\n", git_exit_status());
        }
        uint32_t length = n > 0 ? (uint32_t) n : 0;
        block[0] = (char) (length >> 24);
        block[1] = (char) (length >> 16);
        block[2] = (char) (length >> 8);
        block[3] = (char) length;
        if (write_fully(server, block, 4 + length, deadline) != 0) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
    }
}

/* Seconds from a variable, or the default when it is unset or not a positive number. */
static double seconds_from(const char *variable, double otherwise) {
    const char *text = getenv(variable);
    char *end;
    double seconds = text ? strtod(text, &end) : 0;
    return text && end != text && seconds > 0 ? seconds : otherwise;
}

/* Leaves the agent's payload where the launcher gives it to the JVM that runs the hook instead: 0 done, -1 not. */
static int hand_back(const struct buffer *input) {
    const char *path = getenv("ENTIRE_HOOK_PAYLOAD");
    if (!path || !*path) {
        return -1;
    }
    unlink(path);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        return -1;
    }
    int written = write_fully(fd, input->data, input->length, NULL);
    if (close(fd) != 0 || written != 0) {
        unlink(path);
        return -1;
    }
    return 0;
}

/*
 * The server did not take the hook in time. Shutting the reading side makes its acknowledgement fail from now on;
 * one that arrived just before is still in the socket, and then the server runs the hook, without us. Unless the hook
 * answers the acknowledgement (a streamed stdin, commit-msg's confirmation): the server has none of that yet, and
 * abandons the hook once the connection ends before it does (closed here, before the launcher runs the hook), so the
 * hook runs once, in the launcher's JVM. Left to the server, prepare-commit-msg and commit-msg would write the message
 * while git, their hook returned, reads it.
 */
static int give_up(int server, int reads_stdin, int answers_ack, const struct buffer *input,
                   double accept_seconds) {
    shutdown(server, SHUT_RD);
    char first;
    if (recv(server, &first, 1, MSG_PEEK | MSG_DONTWAIT) == 1) {
        if (answers_ack) {
            close(server);
            fputs("entire: the hook server took the hook just as the client stopped waiting; running it without the"
                  " server\n", stderr);
            return NO_SERVER;
        }
        fputs("entire: the hook server took the hook just as the client stopped waiting; it runs there unseen\n",
              stderr);
        return 0;
    }
    if (reads_stdin && hand_back(input) != 0) {
        return lost("did not take the hook in time, and its payload could not be handed back");
    }
    fprintf(stderr, "entire: the hook server did not take the hook within %g s; running it without the server\n",
            accept_seconds);
    return NO_SERVER;
}

/* The server gave up on what follows the acknowledgement and did not run the hook: the launcher's JVM runs it. */
static int server_gave_up(int server) {
    close(server);
    fputs("entire: the hook server gave up on the hook's input before it all came; running the hook without the"
          " server\n", stderr);
    return NO_SERVER;
}

/* The agents built into entire; an external agent's hooks run its own program, so they are left to the launcher. */
static int built_in_agent(const char *agent) {
    static const char *const agents[] = {"claude-code", "codex", "gemini", "copilot-cli", "copilot", "opencode"};
    for (size_t i = 0; i < sizeof agents / sizeof agents[0]; i++) {
        if (strcmp(agent, agents[i]) == 0) {
            return 1;
        }
    }
    return 0;
}

/*
 * The read-only commands the server runs (HookServer's ServedCommand names the same): none asks on the terminal or
 * changes what the user has. checkpoint list --remote is left out: it asks a remote, whose credential helper may.
 */
static int served_command(int argc, char **argv) {
    int served = strcmp(argv[0], "search") == 0 || strcmp(argv[0], "blame") == 0 || strcmp(argv[0], "explain") == 0
                 || (argc >= 2 && strcmp(argv[0], "checkpoint") == 0 && strcmp(argv[1], "list") == 0);
    for (int i = 1; served && i < argc && strcmp(argv[i], "--") != 0; i++) {
        if (strcmp(argv[i], "--remote") == 0 || strncmp(argv[i], "--remote=", 9) == 0) {
            served = 0;
        }
    }
    return served;
}

/*
 * A non-blocking connection to the server at path, for a hook or a command (what); -1 when there is none, with
 * *status the exit code that tells the launcher why.
 */
static int connect_server(const char *path, const char *what, int *status) {
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof address.sun_path) {
        *status = NOT_SERVED; /* too long for a socket address: this user runs without a server */
        return -1;
    }
    strcpy(address.sun_path, path);
    *status = NO_SERVER;
    /* Non-blocking: a stopped server's full backlog or socket buffer must not hold the hook. */
    int server = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (server < 0) {
        return -1;
    }
    if (connect(server, (struct sockaddr *) &address, sizeof address) != 0) {
        if (errno == EAGAIN) {
            fprintf(stderr, "entire: the hook server takes no connections; running the %s without it\n", what);
        }
        close(server);
        return -1;
    }
    signal(SIGPIPE, SIG_IGN);
    return server;
}

/*
 * Appends the magic, the arguments after the socket, the working directory and the environment: 0, or -1 when the
 * working directory is unreadable.
 */
static int append_invocation(struct buffer *request, uint32_t magic, int argc, char **argv) {
    append_u32(request, magic);
    append_u32(request, (uint32_t) (argc - 2));
    for (int i = 2; i < argc; i++) {
        append_string(request, argv[i]);
    }
    char *cwd = getcwd(NULL, 0);
    if (!cwd) {
        return -1;
    }
    append_string(request, cwd);
    free(cwd);
    uint32_t variables = 0;
    for (char **e = environ; *e; e++) {
        variables++;
    }
    append_u32(request, variables);
    for (char **e = environ; *e; e++) {
        append_string(request, *e);
    }
    return 0;
}

/*
 * Runs the pager the server names through sh, on this terminal, with LESS and LV as git sets them, as a JVM of its own
 * does; from then on stdout goes into it. Its pid, or 0 when it could not start: the output stays direct.
 */
static pid_t start_pager(const char *command) {
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) != 0) {
        return 0;
    }
    pid_t pid = fork();
    if (pid < 0) {
        close(pipe_fds[0]);
        close(pipe_fds[1]);
        return 0;
    }
    if (pid == 0) {
        dup2(pipe_fds[0], STDIN_FILENO);
        setenv("LESS", "FRX", 0);
        setenv("LV", "-c", 0);
        execlp("sh", "sh", "-c", command, (char *) NULL);
        _exit(127);
    }
    dup2(pipe_fds[1], STDOUT_FILENO);
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    return pid;
}

/* Ends the pager's input and waits until the user quits it. */
static void finish_pager(pid_t pager) {
    if (pager > 0) {
        close(STDOUT_FILENO);
        while (waitpid(pager, NULL, 0) < 0 && errno == EINTR) {
        }
    }
}

/* A command the server did not take in time: the launcher runs it, unless the server took it just then. */
static int give_up_command(int server, double accept_seconds) {
    shutdown(server, SHUT_RD);
    char first;
    if (recv(server, &first, 1, MSG_PEEK | MSG_DONTWAIT) == 1) {
        fputs("entire: the hook server took the command just as the client stopped waiting; run it again\n", stderr);
        return FAILED;
    }
    fprintf(stderr, "entire: the hook server did not take the command within %g s; running it without the server\n",
            accept_seconds);
    return NO_SERVER;
}

/* Runs a read-only command in the server: see the top of this file. */
static int run_command(int argc, char **argv) {
    int status;
    int server = connect_server(argv[1], "command", &status);
    if (server < 0) {
        return status;
    }
    struct buffer request = {0};
    if (append_invocation(&request, COMMAND_MAGIC, argc, argv) != 0) {
        return NOT_SERVED; /* the JVM says what it makes of that directory */
    }
    append_u32(&request, (isatty(STDIN_FILENO) ? STDIN_TERMINAL : 0) | (isatty(STDOUT_FILENO) ? STDOUT_TERMINAL : 0));
    double accept_seconds = seconds_from("ENTIRE_HOOK_ACCEPT_TIMEOUT", 2);
    struct timespec accept_deadline = after_millis((long long) (accept_seconds * 1000));
    if (write_fully(server, request.data, request.length, &accept_deadline) != 0) {
        return millis_until(&accept_deadline) <= 0 ? give_up_command(server, accept_seconds) : NO_SERVER;
    }
    struct timespec unbounded = after_millis(100LL * 365 * 24 * 3600 * 1000);
    int accepted = 0;
    int stdout_open = 1;
    pid_t pager = 0;
    struct buffer frame = {0};
    for (;;) {
        unsigned char header[5];
        int timed_out = 0;
        int got = read_fully(server, header, sizeof header, accepted ? &unbounded : &accept_deadline, &timed_out);
        if (got <= 0 && !accepted) {
            /* the server never ran it: it runs a command only once its acknowledgement is written */
            return timed_out ? give_up_command(server, accept_seconds) : NO_SERVER;
        }
        uint32_t length = (uint32_t) header[1] << 24 | (uint32_t) header[2] << 16 | (uint32_t) header[3] << 8
                          | header[4];
        if (got > 0 && length > (64u << 20)) {
            got = -1;
        }
        if (got > 0 && frame.capacity < (size_t) length + 1) {
            char *grown = realloc(frame.data, (size_t) length + 1);
            if (!grown) {
                fail_memory();
            }
            frame.data = grown;
            frame.capacity = (size_t) length + 1;
        }
        if (got > 0 && length > 0) {
            got = read_fully(server, frame.data, length, &unbounded, &timed_out);
        }
        if (got <= 0 || (header[0] == 'x' && length != 4)) {
            finish_pager(pager);
            fprintf(stderr, "entire: the hook server went away before %s finished; its output may be incomplete"
                    " (ENTIRE_HOOK_SERVER=off runs commands without it)\n", argv[2]);
            return FAILED;
        }
        accepted = 1;
        switch (header[0]) {
            case 'o':
                /* a pager the user quit takes no more: the rest is dropped, as a JVM of its own drops it */
                stdout_open = stdout_open && write_fully(STDOUT_FILENO, frame.data, length, NULL) == 0;
                break;
            case 'e':
                write_fully(STDERR_FILENO, frame.data, length, NULL);
                break;
            case 'p':
                frame.data[length] = '\0';
                if (!pager) {
                    pager = start_pager(frame.data);
                }
                break;
            case 'x':
                finish_pager(pager);
                return (unsigned char) frame.data[3];
            default:
                break; /* ACCEPTED */
        }
    }
}

/*
 * Starts git listing the staged changes into a pipe the listing is read from (stderr to /dev/null), as the launcher's
 * staged_changes does for a JVM; a git that cannot start is exit status 127, as sh would give it.
 */
static void start_listing(void) {
    static char *const arguments[] = {"git", "diff", "--cached", "--raw", "-z", "--no-renames", "--no-abbrev",
                                      "--no-ext-diff", "--ignore-submodules=all", NULL};
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) != 0) {
        return; /* an unreadable listing: the hook runs git itself */
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    int spawned = posix_spawnp(&pid, "git", &actions, NULL, arguments, environ);
    posix_spawn_file_actions_destroy(&actions);
    close(pipe_fds[1]);
    listing_fd = pipe_fds[0];
    listing_git = spawned == 0 ? pid : 0; /* none: an empty listing, and the hook runs git itself */
}

/* The client: argv[1] is the socket, the rest the command line. */
static int run_client(int argc, char **argv) {
    if (argc >= 3 && served_command(argc - 2, argv + 2)) {
        return run_command(argc, argv);
    }
    if (argc < 3) {
        fputs("usage: entire-hook-client <socket> hooks <agent> <verb> [args...]\n"
              "       entire-hook-client <socket> search|blame|explain|checkpoint list [args...]\n", stderr);
        return NOT_SERVED;
    }
    if (argc < 5 || strcmp(argv[2], "hooks") != 0) {
        return NOT_SERVED; /* a command the server does not run (checkpoint push, ...): the launcher runs the JVM */
    }
    const char *agent = argv[3];
    const char *verb = argv[4];
    int reads_stdin = 0;
    int streams_stdin = 0;
    int confirms = 0;
    if (built_in_agent(agent) || (strcmp(agent, "git") == 0 && strcmp(verb, "post-rewrite") == 0)) {
        reads_stdin = 1; /* post-rewrite: the rewritten commits */
    } else if (strcmp(agent, "git") == 0 && strcmp(verb, "prepare-commit-msg") == 0 && !interactive()) {
        /* the staged changes, when the launcher has git list them while this client starts: sent as they come */
        const char *staged = getenv("ENTIRE_STAGED_CHANGES");
        streams_stdin = list_staged_changes || (staged != NULL && strcmp(staged, "stdin") == 0);
        if (list_staged_changes) {
            setenv("ENTIRE_STAGED_CHANGES", "stdin", 1);   /* the server's hook reads its stdin as the listing */
        }
    } else if (strcmp(agent, "git") == 0 && strcmp(verb, "commit-msg") == 0) {
        /* it edits the message git reads once this client returns: the server runs it once told the client waits */
        confirms = 1;
    } else if (strcmp(agent, "git") != 0 || strcmp(verb, "post-commit") != 0) {
        return NOT_SERVED; /* pre-push may need credentials from the terminal; unknown verbs report themselves */
    }
    /* the server runs it only once what follows its acknowledgement has ended, and never for a client that left */
    int answers_ack = streams_stdin || confirms;

    int status;
    int server = connect_server(argv[1], "hook", &status);
    if (server < 0) {
        return status;
    }
    if (streams_stdin && list_staged_changes) {
        start_listing();
    }
    struct buffer request = {0};
    if (append_invocation(&request, answers_ack ? STREAMED_MAGIC : MAGIC, argc, argv) != 0) {
        return lost("was not asked: the working directory is unreadable");
    }
    struct buffer input = {0};
    if (reads_stdin) {
        char chunk[65536];
        ssize_t n;
        while ((n = read(STDIN_FILENO, chunk, sizeof chunk)) != 0) {
            if (n < 0) {
                if (errno == EINTR) {
                    continue;
                }
                break; /* a closed or unreadable stdin is an empty payload, as for the JVM */
            }
            append(&input, chunk, (size_t) n);
        }
    }
    if (!answers_ack) {
        append_block(&request, input.data, input.length);
    }
    double accept_seconds = seconds_from("ENTIRE_HOOK_ACCEPT_TIMEOUT", 2);   /* from now: the agent's payload is in */
    struct timespec accept_deadline = after_millis((long long) (accept_seconds * 1000));
    if (write_fully(server, request.data, request.length, &accept_deadline) != 0) {
        if (millis_until(&accept_deadline) <= 0) {
            return give_up(server, reads_stdin, answers_ack, &input, accept_seconds);
        }
        return lost("closed the connection before the request was sent");
    }

    double bound = seconds_from("ENTIRE_HOOK_TIMEOUT", 300);
    struct timespec deadline = after_millis((long long) (bound * 1000));
    int accepted = 0;
    struct buffer frame = {0};
    for (;;) {
        unsigned char header[5];
        int timed_out = 0;
        int got = read_fully(server, header, sizeof header, accepted ? &deadline : &accept_deadline, &timed_out);
        if (got <= 0 && !accepted && timed_out) {
            return give_up(server, reads_stdin, answers_ack, &input, accept_seconds);
        }
        if (got <= 0) {
            if (timed_out) {
                fprintf(stderr, "entire: the hook server did not finish %s within %g s (ENTIRE_HOOK_TIMEOUT); this"
                        " hook may not have recorded anything (see .entire/logs)\n", verb, bound);
                return 0;
            }
            return lost("went away before the hook finished");
        }
        if (!accepted) {
            accepted = 1;
            notice_at = after_millis((long long) (accept_seconds * 1000));
            notice_verb = verb;
            notice_bound = bound;
            /* the server reads what the hook leaves of it before it answers */
            if (answers_ack && header[0] != ACCEPTED) {
                return lost("sent a malformed answer");
            }
            /*
             * A server that stops reading before the end (it gives up on a stdin that takes too long) runs nothing
             * without all of it: the launcher's JVM runs the hook (with a listing of its own).
             */
            if (confirms && write_fully(server, "\0\0\0\0", 4, &deadline) != 0) {
                return server_gave_up(server);
            }
            if (streams_stdin && stream_stdin(server, &deadline) != 0) {
                return server_gave_up(server);
            }
        }
        uint32_t length = (uint32_t) header[1] << 24 | (uint32_t) header[2] << 16 | (uint32_t) header[3] << 8
                          | header[4];
        frame.length = 0;
        if (length > 0) {
            if (length > (64u << 20)) {
                return lost("sent a malformed answer");
            }
            if (frame.capacity < length) {
                char *grown = realloc(frame.data, length);
                if (!grown) {
                    fail_memory();
                }
                frame.data = grown;
                frame.capacity = length;
            }
            if (read_fully(server, frame.data, length, &deadline, &timed_out) <= 0) {
                return lost(timed_out ? "did not answer in time" : "went away before the hook finished");
            }
        }
        switch (header[0]) {
            case ACCEPTED:
                break;
            case 'o':
                write_fully(STDOUT_FILENO, frame.data, length, NULL);
                break;
            case 'e':
                write_fully(STDERR_FILENO, frame.data, length, NULL);
                break;
            case 'x':
                if (length != 4) {
                    return lost("sent a malformed answer");
                }
                return (unsigned char) frame.data[3];
            case GAVE_UP:
                /* it stopped reading in time, even if all of it came just then: not run */
                return answers_ack ? server_gave_up(server) : lost("sent a malformed answer");
            default:
                return lost("sent a malformed answer");
        }
    }
}

/*
 * Reads a file of KEY="value" lines (a JDK's release file, bin/entire.release) once: the value of keys[i], without
 * its quotes, goes into values[i] (size bytes each) from the first line that sets it; a key no line sets, or whose
 * value does not fit, leaves its value as it was. The number of keys found, or -1 when the file cannot be read.
 */
static int release_values(const char *path, int count, const char *const keys[], char *const values[], size_t size) {
    FILE *file = fopen(path, "re");
    if (!file) {
        return -1;
    }
    char line[4096];
    int found = 0;
    int seen[count];
    memset(seen, 0, sizeof seen);
    while (found < count && fgets(line, sizeof line, file)) {
        char *equals = strchr(line, '=');
        for (int i = 0; equals && i < count; i++) {
            size_t key_length = strlen(keys[i]);
            if (seen[i] || (size_t) (equals - line) != key_length || strncmp(line, keys[i], key_length) != 0) {
                continue;
            }
            char *value = equals + 1;
            value[strcspn(value, "\n")] = '\0';
            size_t length = strlen(value);
            if (length > 0 && value[0] == '"') {
                value++;
                length--;
            }
            if (length > 0 && value[length - 1] == '"') {
                value[--length] = '\0';
            }
            if (length < size) {
                memcpy(values[i], value, length + 1);
                seen[i] = 1;
                found++;
            }
        }
    }
    fclose(file);
    return found;
}

static int executable_file(const char *path) {
    struct stat status;
    return stat(path, &status) == 0 && S_ISREG(status.st_mode) && access(path, X_OK) == 0;
}

/* The first executable name on PATH (an empty entry is the working directory), as the launcher's find_on_path. */
static int find_on_path(const char *name, char *into, size_t size) {
    const char *path = getenv("PATH");
    while (path) {
        const char *end = strchr(path, ':');
        size_t length = end ? (size_t) (end - path) : strlen(path);
        int written = length == 0 ? snprintf(into, size, "./%s", name)
                                  : snprintf(into, size, "%.*s/%s", (int) length, path, name);
        if (written > 0 && (size_t) written < size && executable_file(into)) {
            return 0;
        }
        path = end ? end + 1 : NULL;
    }
    return -1;
}

/* The java the launcher picks: ENTIRE_JAVA, else JAVA_HOME's, else the JDK install.sh found, else java on PATH. */
static void choose_java(const char *default_java, char *java, size_t size) {
    const char *chosen = getenv("ENTIRE_JAVA");
    const char *java_home = getenv("JAVA_HOME");
    if (chosen && *chosen) {
        snprintf(java, size, "%s", chosen);
        return;
    }
    if (java_home && *java_home) {
        snprintf(java, size, "%s/bin/java", java_home);
        if (access(java, X_OK) == 0) {
            return;
        }
    }
    snprintf(java, size, "%s", *default_java && access(default_java, X_OK) == 0 ? default_java : "java");
}

/*
 * The socket of the hook server the launcher would use, from the folder holding bin/entire.release: 0, or -1 when the
 * launcher would run no server (no JDK it can place, a JDK before 17, no cache folder).
 */
static int server_socket(const char *here, char *socket_path, size_t size) {
    char file[PATH_MAX + 32];
    char build[PATH_MAX] = "dev";
    char default_java[PATH_MAX] = "";
    snprintf(file, sizeof file, "%s/entire.release", here);
    static const char *const release_keys[] = {"ENTIRE_BUILD", "ENTIRE_DEFAULT_JAVA"};
    release_values(file, 2, release_keys, (char *const[]) {build, default_java}, PATH_MAX);

    char java[PATH_MAX];
    choose_java(default_java, java, sizeof java);
    if (!strchr(java, '/')) {
        char found[PATH_MAX];
        if (find_on_path(java, found, sizeof found) != 0) {
            return -1;
        }
        snprintf(java, sizeof java, "%s", found);
    }
    struct stat link;
    char real[PATH_MAX];
    if (lstat(java, &link) == 0 && S_ISLNK(link.st_mode)) {
        if (!realpath(java, real)) {
            return -1;
        }
    } else {
        snprintf(real, sizeof real, "%s", java);
    }
    size_t length = strlen(real);
    const char *suffix = "/bin/java";
    if (length <= strlen(suffix) || strcmp(real + length - strlen(suffix), suffix) != 0) {
        return -1;
    }
    real[length - strlen(suffix)] = '\0';
    char version[64];
    snprintf(file, sizeof file, "%s/release", real);
    static const char *const version_key[] = {"JAVA_VERSION"};
    if (release_values(file, 1, version_key, (char *const[]) {version}, sizeof version) != 1) {
        return -1;
    }
    char *end;
    long major = strtol(version, &end, 10);
    if (version[0] < '0' || version[0] > '9' || (*end != '\0' && *end != '.') || major < 17) {
        return -1;
    }
    const char *cache = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    int written;
    if (cache && *cache) {
        written = snprintf(socket_path, size, "%s/entire/entire-%s-%ld.sock", cache, build, major);
    } else if (home && *home) {
        written = snprintf(socket_path, size, "%s/.cache/entire/entire-%s-%ld.sock", home, build, major);
    } else {
        return -1;
    }
    return written > 0 && (size_t) written < size ? 0 : -1;
}

/* Runs the launcher beside this program in its place, telling it why the server did not run the command (or ""). */
static int run_launcher(const char *here, char **argv, const char *front_status) {
    char launcher[PATH_MAX + 32];
    snprintf(launcher, sizeof launcher, "%s/entire-launcher", here);
    if (*front_status) {
        setenv("ENTIRE_FRONT_STATUS", front_status, 1);
    }
    if (listing_git > 0) {
        git_exit_status(); /* a listing the server did not take: the launcher has git list the changes again */
    }
    argv[0] = launcher;
    execv(launcher, argv);
    fprintf(stderr, "entire: cannot run %s: %s\n", launcher, strerror(errno));
    return 1;
}

/*
 * The folder of this program's file, links resolved (the jar and the launcher sit beside the real file, as the
 * launcher finds them from $0): 0, or -1.
 */
static int program_folder(const char *argv0, char *into, size_t size) {
    char path[PATH_MAX];
    ssize_t length = readlink("/proc/self/exe", path, sizeof path - 1);
    if (length > 0) {
        path[length] = '\0';
    } else if (strchr(argv0, '/') ? !realpath(argv0, path)
               : find_on_path(argv0, into, size) != 0 || !realpath(into, path)) {
        return -1;
    }
    char *slash = strrchr(path, '/');
    if (!slash || (size_t) (slash - path) >= size) {
        return -1;
    }
    *slash = '\0';
    memcpy(into, path, (size_t) (slash - path) + 1);
    return 0;
}

/* bin/entire: see the top of this file. */
static int run_front(int argc, char **argv) {
    unsetenv("ENTIRE_STAGED_CHANGES"); /* only this program and the launcher say what a hook's stdin holds */
    unsetenv("ENTIRE_TURN_SNAPSHOT");
    unsetenv("ENTIRE_FRONT_STATUS");
    char here[PATH_MAX];
    if (program_folder(argv[0], here, sizeof here) != 0) {
        fprintf(stderr, "entire: cannot find the folder %s is in\n", argv[0]);
        return 1;
    }
    const char *server = getenv("ENTIRE_HOOK_SERVER");
    int servable = argc >= 2 && (strcmp(argv[1], "hooks") == 0 || served_command(argc - 1, argv + 1));
    char socket_path[PATH_MAX];
    if (!servable || (server && strcmp(server, "off") == 0)
        || server_socket(here, socket_path, sizeof socket_path) != 0) {
        return run_launcher(here, argv, "");
    }
    char payload[PATH_MAX + 32];
    snprintf(payload, sizeof payload, "%s.%ld.payload", socket_path, (long) getpid());
    setenv("ENTIRE_HOOK_PAYLOAD", payload, 1);
    list_staged_changes = argc >= 4 && strcmp(argv[1], "hooks") == 0 && strcmp(argv[2], "git") == 0
                          && strcmp(argv[3], "prepare-commit-msg") == 0;
    char **client_argv = malloc(((size_t) argc + 2) * sizeof *client_argv);
    if (!client_argv) {
        fail_memory();
    }
    client_argv[0] = argv[0];
    client_argv[1] = socket_path;
    memcpy(client_argv + 2, argv + 1, (size_t) argc * sizeof *client_argv); /* with argv's NULL */
    int status = run_client(argc + 1, client_argv);
    if (status == NOT_SERVED || status == NO_SERVER) {
        unsetenv("ENTIRE_HOOK_PAYLOAD");
        unsetenv("ENTIRE_STAGED_CHANGES");
        return run_launcher(here, argv, status == NOT_SERVED ? "124" : "125");
    }
    return status;
}

int main(int argc, char **argv) {
    const char *name = strrchr(argv[0], '/');
    name = name ? name + 1 : argv[0];
    return strcmp(name, "entire-hook-client") == 0 ? run_client(argc, argv) : run_front(argc, argv);
}
