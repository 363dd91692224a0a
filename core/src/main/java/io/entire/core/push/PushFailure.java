package io.entire.core.push;

import static java.util.Objects.requireNonNull;

import io.entire.core.DiagnosticEvent;
import io.entire.core.git.RefName;
import io.entire.core.git.RemoteException;
import io.entire.core.store.refs.CheckpointRefs;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Why checkpoint data did not reach a remote, in the kinds a caller acts on differently: a remote that did not answer
 * (try again later), one that refused our credentials (fix them first), a ref the remote refused (the reason says
 * whether pushing again can help). {@link #text()} is the line a person reads.
 */
public sealed interface PushFailure {
    String text();

    /** The ref the failure is about, if it is about one. */
    default Optional<RefName> ref() {
        return Optional.empty();
    }

    /**
     * Whether what did not go stays in the push queue: a checkpoint's own ref does; the checkpoint branch and the v2
     * refs are never queued, and every push sends them again.
     */
    default boolean staysQueued() {
        return ref().flatMap(CheckpointRefs::checkpointOf).isPresent();
    }

    /** The failure as a warning of the diagnostics log, with its ref as a field. */
    default DiagnosticEvent event(Instant time, String component) {
        DiagnosticEvent event = DiagnosticEvent.of(time, Level.WARNING, component, "not pushed: " + text());
        return ref().map(ref -> event.withRef(ref.name())).orElse(event);
    }

    /** What a remote's failure to talk to us was: authentication when git's words say so, else unreachable. */
    static PushFailure ofRemote(String remote, RemoteException e) {
        String problem = e.getMessage();
        return AuthenticationFailed.saidBy(problem) ? new AuthenticationFailed(remote, problem)
                : new RemoteUnreachable(remote, problem);
    }

    /** The remote did not answer (offline, wrong URL, no such repository): nothing was sent. */
    record RemoteUnreachable(String remote, String problem) implements PushFailure {
        public RemoteUnreachable {
            requireNonNull(remote, "remote is null");
            requireNonNull(problem, "problem is null");
        }

        @Override
        public String text() {
            return problem;
        }
    }

    /** The remote answered but would not take our credentials: nothing was sent, and retrying alone will not help. */
    record AuthenticationFailed(String remote, String problem) implements PushFailure {
        /** What git, ssh and the hosts we know print when credentials are missing or refused. */
        private static final List<String> WORDS = List.of("authentication failed", "permission denied",
                "could not read username", "could not read password", "terminal prompts disabled", "access denied",
                "invalid credentials");

        public AuthenticationFailed {
            requireNonNull(remote, "remote is null");
            requireNonNull(problem, "problem is null");
        }

        static boolean saidBy(String problem) {
            String lower = problem.toLowerCase(Locale.ROOT);
            return WORDS.stream().anyMatch(lower::contains);
        }

        @Override
        public String text() {
            return problem;
        }
    }

    /** Why the remote did not take a ref. */
    enum Reason {
        /** The remote kept moving while we reconciled with it; the next push tries again. */
        NON_FAST_FORWARD,
        /** The remote's ref was not what we last saw ({@code stale info}). */
        STALE,
        /** A hook on the remote declined it. */
        HOOK,
        /** Refused for another reason the remote gave (a protected ref, permissions). */
        REFUSED,
        /** Sending or reconciling this ref failed on our side or on the way; {@code detail} says how. */
        NOT_SENT;

        /** The reason behind the words of a {@code git push --porcelain} rejection. */
        static Reason ofRejection(String detail) {
            if (detail.contains("hook declined")) {
                return HOOK;
            }
            if (detail.contains("stale info")) {
                return STALE;
            }
            return detail.contains("non-fast-forward") || detail.contains("fetch first") ? NON_FAST_FORWARD : REFUSED;
        }
    }

    /** One ref the remote did not take; it stays queued for the next push. */
    record RefRejected(RefName rejected, Reason reason, String detail) implements PushFailure {
        public RefRejected {
            requireNonNull(rejected, "rejected is null");
            requireNonNull(reason, "reason is null");
            requireNonNull(detail, "detail is null");
        }

        /** As {@code git push --porcelain} worded the rejection. */
        static RefRejected byRemote(RefName ref, String detail) {
            return new RefRejected(ref, Reason.ofRejection(detail), detail);
        }

        @Override
        public Optional<RefName> ref() {
            return Optional.of(rejected);
        }

        @Override
        public String text() {
            return rejected.shortName() + ": " + detail;
        }
    }

    /** The v2 refs, which are pushed together (archives first), did not all reach the remote. */
    record V2RefsRejected(Reason reason, String detail) implements PushFailure {
        public V2RefsRejected {
            requireNonNull(reason, "reason is null");
            requireNonNull(detail, "detail is null");
        }

        @Override
        public String text() {
            return "v2 refs: " + detail;
        }
    }
}
