/*
 * entire-hook-client: hands one hook invocation to entire's hook server (io.entire.cli.HookServer) over a UNIX
 * socket, so the hook does not pay for a JVM start. bin/entire runs it for hooks only:
 *
 *   entire-hook-client <socket> hooks <agent> <verb> [args...]
 *
 * It forwards its arguments, working directory, environment and (for agent hooks) standard input, then copies the
 * server's standard output and error and exits with the hook's exit code. Exit 125: no server answers on the socket
 * (nothing was read or run; the launcher runs the JVM and starts a server). Exit 124: the hook must not run in the
 * server (it may ask on the terminal); the launcher runs the JVM. A server that fails or takes longer than
 * ENTIRE_HOOK_TIMEOUT seconds (default 300) once the request is sent never fails the hook: a message, exit 0.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define NOT_SERVED 124
#define NO_SERVER 125
#define MAGIC 0x45484b31u /* "EHK1" */

extern char **environ;

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

/* Waits until fd is readable or writable (events), or the deadline passes: 1 ready, 0 timed out, -1 error. */
static int await(int fd, short events, const struct timespec *deadline) {
    for (;;) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        long long left = (deadline->tv_sec - now.tv_sec) * 1000LL + (deadline->tv_nsec - now.tv_nsec) / 1000000;
        if (left <= 0) {
            return 0;
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

static int write_fully(int fd, const char *bytes, size_t length) {
    while (length > 0) {
        ssize_t n = write(fd, bytes, length);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -1;
        }
        bytes += n;
        length -= (size_t) n;
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 5 || strcmp(argv[2], "hooks") != 0) {
        fputs("usage: entire-hook-client <socket> hooks <agent> <verb> [args...]\n", stderr);
        return NOT_SERVED;
    }
    const char *agent = argv[3];
    const char *verb = argv[4];
    int reads_stdin;
    if (strcmp(agent, "claude-code") == 0
        || (strcmp(agent, "git") == 0 && strcmp(verb, "post-rewrite") == 0)) {
        reads_stdin = 1; /* post-rewrite: the rewritten commits */
    } else if (strcmp(agent, "git") == 0
               && (strcmp(verb, "commit-msg") == 0 || strcmp(verb, "post-commit") == 0
                   || (strcmp(verb, "prepare-commit-msg") == 0 && !interactive()))) {
        reads_stdin = 0;
    } else {
        return NOT_SERVED; /* pre-push may need credentials from the terminal; unknown verbs report themselves */
    }

    struct sockaddr_un address = {.sun_family = AF_UNIX};
    if (strlen(argv[1]) >= sizeof address.sun_path) {
        return NOT_SERVED; /* too long for a socket address: this user runs without a server */
    }
    strcpy(address.sun_path, argv[1]);
    int server = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (server < 0 || connect(server, (struct sockaddr *) &address, sizeof address) != 0) {
        return NO_SERVER;
    }
    signal(SIGPIPE, SIG_IGN);

    struct buffer request = {0};
    append_u32(&request, MAGIC);
    append_u32(&request, (uint32_t) (argc - 2));
    for (int i = 2; i < argc; i++) {
        append_string(&request, argv[i]);
    }
    char *cwd = getcwd(NULL, 0);
    if (!cwd) {
        return lost("was not asked: the working directory is unreadable");
    }
    append_string(&request, cwd);
    uint32_t variables = 0;
    for (char **e = environ; *e; e++) {
        variables++;
    }
    append_u32(&request, variables);
    for (char **e = environ; *e; e++) {
        append_string(&request, *e);
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
    append_block(&request, input.data, input.length);
    if (write_fully(server, request.data, request.length) != 0) {
        return lost("closed the connection before the request was sent");
    }

    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    const char *timeout = getenv("ENTIRE_HOOK_TIMEOUT");
    long seconds = timeout ? strtol(timeout, NULL, 10) : 0;
    deadline.tv_sec += seconds > 0 ? seconds : 300;
    struct buffer frame = {0};
    for (;;) {
        unsigned char header[5];
        int timed_out = 0;
        int got = read_fully(server, header, sizeof header, &deadline, &timed_out);
        if (got <= 0) {
            return lost(timed_out ? "did not answer in time" : "went away before the hook finished");
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
            case 'o':
                write_fully(STDOUT_FILENO, frame.data, length);
                break;
            case 'e':
                write_fully(STDERR_FILENO, frame.data, length);
                break;
            case 'x':
                if (length != 4) {
                    return lost("sent a malformed answer");
                }
                return (unsigned char) frame.data[3];
            default:
                return lost("sent a malformed answer");
        }
    }
}
