package io.entire.core.doctor;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;
import io.entire.core.FileLocks;
import io.entire.core.store.shadow.ShadowBranch;
import io.entire.core.git.GitRepository;
import io.entire.core.git.ObjectId;
import io.entire.core.git.RefName;
import io.entire.core.id.SessionId;
import io.entire.core.session.SessionLock;
import io.entire.core.session.SessionState;
import io.entire.core.session.SessionStore;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code entire clean}: finds what no session needs any more (shadow branches no live session writes to, the state
 * of sessions whose worktree or transcript is gone, lock and scratch files their owners left) and removes it on
 * request. A session that is not done is live, in any worktree: its state and its shadow branch are never touched,
 * and removal checks that again under the session's lock and by compare-and-swap on the branch.
 */
public final class Cleaner {
    private final GitRepository repository;
    private final SessionStore sessions;
    private final LeftoverFiles files;

    public Cleaner(GitRepository repository, SessionStore sessions) {
        this.repository = requireNonNull(repository, "repository is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.files = new LeftoverFiles(sessions.directory(), repository.commonDir().resolve("entire-tmp"));
    }

    /** What would go; removes nothing. */
    public CleanPlan plan(CleanScope scope) {
        List<SessionState> states = sessions.list();
        Optional<SessionState> chosen = scope.session().map(id -> chosenSession(id, states));
        List<String> notes = new ArrayList<>();
        List<String> unreadable = files.statesOtherThan(states.stream().map(state -> state.sessionId().value())
                .toList());
        List<CleanItem> items = new ArrayList<>();
        if (unreadable.isEmpty()) {
            items.addAll(shadowBranches(scope, states, chosen));
        } else {
            // A state this program cannot read (another tool's, or damaged) may be a live session's: its branch is
            // unknown, so every shadow branch stays.
            notes.add("shadow branches kept: the state of session(s) " + String.join(", ", unreadable)
                    + " cannot be read, and one of them may record onto any of them");
        }
        for (SessionState state : states) {
            boolean inScope = chosen.map(session -> session.sessionId().equals(state.sessionId()))
                    .orElse(scope.allWorktrees() || state.worktreeId().equals(repository.worktreeId()));
            Optional<String> reason = chosen.isPresent() ? Optional.of("asked for by --session") : orphaned(state);
            if (inScope && reason.isPresent()) {
                items.add(CleanItem.state(state.sessionId(), files.stateFile(state.sessionId()).toString(),
                        reason.get()));
            }
        }
        items.addAll(files.leftovers(scope.session()));
        return new CleanPlan(items, notes);
    }

    /** Removes what the plan names that is still unused; whatever came into use meanwhile is kept and said so. */
    public CleanResult apply(CleanPlan plan) {
        List<CleanItem> removed = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (CleanItem item : plan.items()) {
            Optional<String> refusal = switch (item.kind()) {
                case SHADOW_BRANCH -> deleteBranch(item);
                case SESSION_STATE -> deleteState(item);
                case LOCK_FILE, TEMP_FILE -> files.delete(Path.of(item.target()));
            };
            if (refusal.isEmpty()) {
                removed.add(item);
            } else {
                kept.add(item.target() + ": " + refusal.get());
            }
        }
        return new CleanResult(removed, kept);
    }

    private SessionState chosenSession(SessionId id, List<SessionState> states) {
        SessionState state = states.stream().filter(candidate -> candidate.sessionId().equals(id)).findFirst()
                .orElseThrow(() -> new SessionNotFoundException(id.value(), "no recorded session is " + id
                        + "; 'entire session list' shows the live ones"));
        if (!state.isDone()) {
            throw new EntireException(EntireException.Category.STATE, "session " + id + " is live: its work is not"
                    + " committed or it may still run; stop it first ('entire session stop " + id + "'), or let"
                    + " 'entire doctor --fix' condense it");
        }
        return state;
    }

    private List<CleanItem> shadowBranches(CleanScope scope, List<SessionState> states,
            Optional<SessionState> chosen) {
        Set<RefName> live = liveBranches(states);
        String suffix = worktreeSuffix(repository.worktreeId());
        List<CleanItem> items = new ArrayList<>();
        for (Map.Entry<RefName, ObjectId> ref : repository.refs().list("refs/heads/entire/").entrySet()) {
            RefName name = ref.getKey();
            boolean inScope = chosen.map(session -> name.equals(ShadowBranch.name(session.baseCommit(),
                    session.worktreeId()))).orElse(scope.allWorktrees() || name.name().endsWith(suffix));
            if (ShadowBranch.isShadow(name) && inScope && !live.contains(name)) {
                items.add(CleanItem.branch(name.name(), ref.getValue(), "no live session records onto it"));
            }
        }
        return items;
    }

    /** The shadow branches live sessions write to; one that is not done may still add steps or be committed. */
    private static Set<RefName> liveBranches(List<SessionState> states) {
        Set<RefName> live = new HashSet<>();
        for (SessionState state : states) {
            if (!state.isDone()) {
                live.add(ShadowBranch.name(state.baseCommit(), state.worktreeId()));
            }
        }
        return live;
    }

    /** Why nothing needs this session's state any more, if nothing does. */
    private static Optional<String> orphaned(SessionState state) {
        if (!Files.isDirectory(state.worktree())) {
            return Optional.of("its worktree " + state.worktree() + " is gone");
        }
        if (state.isDone() && state.transcript().map(path -> !Files.exists(path)).orElse(true)) {
            return Optional.of("ended, and its transcript is gone: nothing to resume");
        }
        return Optional.empty();
    }

    private String worktreeSuffix(String worktreeId) {
        String name = ShadowBranch.name(ObjectId.of("0".repeat(repository.hashHexLength())), worktreeId).name();
        return name.substring(name.lastIndexOf('-'));
    }

    private Optional<String> deleteBranch(CleanItem item) {
        RefName ref = RefName.of(item.target());
        if (liveBranches(sessions.list()).contains(ref)) {
            return Optional.of("a session records onto it now");
        }
        return switch (repository.refs().delete(ref, item.tip().orElseThrow(), "entire clean")) {
            case DELETED -> Optional.empty();
            case CREATED, UPDATED, UNCHANGED, REJECTED_STALE, LOCKED -> Optional.of("it moved since; run clean again");
        };
    }

    private Optional<String> deleteState(CleanItem item) {
        SessionId id = item.session().orElseThrow();
        try (SessionLock lock = sessions.lock(id)) {
            Optional<SessionState> state = sessions.find(id);
            // Only a session that is done, or whose worktree is gone, was planned; one that came back stays.
            if (state.isPresent() && !state.get().isDone() && Files.isDirectory(state.get().worktree())) {
                return Optional.of("the session is live again");
            }
            files.deleteSession(id);
            return Optional.empty();
        } catch (UncheckedIOException e) {
            return Optional.of(e.getMessage());
        }
    }
}
