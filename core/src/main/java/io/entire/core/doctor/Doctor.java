package io.entire.core.doctor;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;
import io.entire.core.Environment;
import io.entire.core.agent.Agent;
import io.entire.core.agent.Agents;
import io.entire.core.doctor.Finding.Check;
import io.entire.core.git.GitRepository;
import io.entire.core.session.OwedCheckpoints;
import io.entire.core.session.SessionStore;
import io.entire.core.session.UnreadableSessionState;
import io.entire.core.settings.Settings;
import io.entire.core.settings.SettingsException;
import io.entire.core.settings.SettingsLoader;
import io.entire.core.setup.GitHookCheck;
import io.entire.core.setup.GitHookProblem;
import io.entire.core.store.StoreSet;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * {@code entire doctor}: checks what capture depends on (stuck sessions, the git and agent hooks, the settings, the
 * hook server, the push queue, the owed-checkpoint marks, the links of the current branch) and says for each problem
 * what fixes it. Writes nothing; {@link StuckSessionRepair} does the fixing.
 */
public final class Doctor {
    private static final String FIX = "run 'entire doctor --fix' to condense it into a checkpoint no commit links,"
            + " or discard it";

    private final GitRepository repository;
    private final SessionStore sessions;
    private final InstantSource clock;
    private final HookServerProbe hookServer;
    private final Environment environment;

    /** @param environment where the agents keep what their hooks need ({@code CODEX_HOME}, {@code HOME}) */
    public Doctor(GitRepository repository, SessionStore sessions, Environment environment,
            HookServerProbe hookServer) {
        this.repository = requireNonNull(repository, "repository is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.environment = requireNonNull(environment, "environment is null");
        this.clock = environment.clock();
        this.hookServer = requireNonNull(hookServer, "hookServer is null");
    }

    /** Every check; the links check needs the stores, which are empty when the settings cannot be read. */
    public DoctorReport examine(Optional<StoreSet> stores) {
        List<Finding> findings = new ArrayList<>();
        SessionStore.Listing listing = sessions.listAll();
        List<LiveSession> all = new LiveSessions(repository, sessions, clock).of(listing.readable());
        List<LiveSession> stuck = all.stream().filter(session -> session.condition().stuck()).toList();
        sessions(findings, all, stuck, listing.unreadable());
        hooks(findings);
        settings(findings);
        hookServer(findings);
        pushQueue(findings);
        owed(findings);
        return new DoctorReport(findings, stuck, links(findings, stores));
    }

    private void sessions(List<Finding> findings, List<LiveSession> all, List<LiveSession> stuck,
            List<UnreadableSessionState> unreadable) {
        for (LiveSession session : stuck) {
            String what = switch (session.condition()) {
                case STUCK_ACTIVE -> "a turn is running, but no hook came for " + hours(session) + ": it links"
                        + " every commit made without a terminal";
                case ENDED_UNCOMMITTED -> "it ended with " + session.state().steps().size()
                        + " step(s) never committed";
                case ACTIVE, IDLE, DONE -> "it is " + session.condition().value();
            };
            findings.add(Finding.problem(Check.SESSIONS, "session " + session.state().sessionId() + " ("
                    + session.state().agent().displayName() + ", " + session.state().worktree() + "): " + what, FIX));
        }
        for (UnreadableSessionState state : unreadable) {
            findings.add(Finding.problem(Check.SESSIONS, "session state " + state.file() + " cannot be read ("
                    + state.problem() + "): hooks skip its session, so commits are not linked to its work",
                    "'entire attach <session-id>' captures the session from its transcript; then delete "
                            + state.file() + " (its next prompt starts it afresh)"));
        }
        if (stuck.isEmpty() && unreadable.isEmpty()) {
            long live = all.stream().filter(session -> session.condition().live()).count();
            findings.add(Finding.ok(Check.SESSIONS, live + " live session(s), none stuck"));
        }
    }

    private String hours(LiveSession session) {
        Duration quiet = Duration.between(session.state().updatedAt(), clock.instant());
        return quiet.toHours() + "h";
    }

    private void hooks(List<Finding> findings) {
        List<GitHookProblem> problems = new GitHookCheck(repository.hooksDirectory(), repository.workTree())
                .problems();
        for (GitHookProblem problem : problems) {
            findings.add(Finding.problem(Check.HOOKS, "git hook " + problem.sentence(), problem.fix()));
        }
        int found = problems.size();
        for (Agent agent : enabledAgents()) {
            String fix = agent.slug().equals(Agents.DEFAULT_SLUG) ? "run 'entire enable --force'"
                    : "run 'entire enable --force --agent " + agent.slug() + "'";
            List<String> agentProblems;
            try {
                agentProblems = agent.settingsHooks(repository.workTree(), environment).problems();
            } catch (EntireException unreadable) {
                // Enabling that agent again would not help: enable refuses to edit a file it cannot read.
                findings.add(Finding.problem(Check.HOOKS, agent.displayName() + " hook: " + unreadable.getMessage(),
                        "fix the file or move it away; enable and disable --uninstall refuse to edit it until then"));
                found++;
                continue;
            }
            for (String problem : agentProblems) {
                findings.add(Finding.problem(Check.HOOKS, agent.displayName() + " hook: " + problem, fix));
                found++;
            }
        }
        if (found == 0) {
            findings.add(Finding.ok(Check.HOOKS, "git hooks and agent hooks installed and current"));
        }
    }

    /**
     * The built-in agents whose hooks are in this work tree (one whose settings cannot be read among them); the
     * default agent when none are, so that a work tree with no agent hooks at all is still told so.
     */
    private List<Agent> enabledAgents() {
        List<Agent> enabled = new ArrayList<>();
        for (String slug : Agents.slugs()) {
            Agent agent = Agents.bySlug(slug);
            try {
                if (agent.settingsHooks(repository.workTree(), environment).anyInstalled()) {
                    enabled.add(agent);
                }
            } catch (EntireException unreadable) {
                enabled.add(agent);
            }
        }
        return enabled.isEmpty() ? List.of(Agents.bySlug(Agents.DEFAULT_SLUG)) : enabled;
    }

    private void settings(List<Finding> findings) {
        if (!SettingsLoader.isSetUp(repository.workTree())) {
            findings.add(Finding.problem(Check.SETTINGS, "not set up in this repository", "run 'entire enable'"));
            return;
        }
        Settings settings;
        try {
            settings = SettingsLoader.load(repository.workTree());
        } catch (SettingsException e) {
            findings.add(Finding.problem(Check.SETTINGS, e.getMessage(), "fix the value in " + e.file()));
            return;
        }
        for (String key : settings.unknownKeys()) {
            findings.add(Finding.warning(Check.SETTINGS, "unknown key " + key + " (kept; another tool's, or a typo)",
                    ""));
        }
        if (settings.unknownKeys().isEmpty()) {
            findings.add(Finding.ok(Check.SETTINGS, "settings valid" + (settings.enabled() ? "" : "; capture is"
                    + " disabled ('entire enable' turns it on)")));
        }
    }

    private void hookServer(List<Finding> findings) {
        String socket = hookServer.socket().map(Object::toString).orElse("");
        findings.add(switch (hookServer.probe()) {
            case OFF -> Finding.ok(Check.HOOK_SERVER, "off (ENTIRE_HOOK_SERVER=off): every hook starts a JVM");
            case NOT_RUNNING -> Finding.ok(Check.HOOK_SERVER, "not running; the next hook starts it (" + socket
                    + ")");
            case REACHABLE -> Finding.ok(Check.HOOK_SERVER, "reachable at " + socket);
            case UNREACHABLE -> Finding.warning(Check.HOOK_SERVER, "nothing answers at " + socket
                    + ": hooks run in a JVM each until a server starts", "the next hook starts one; if it does not,"
                    + " remove " + socket);
        });
    }

    private void pushQueue(List<Finding> findings) {
        PushQueueCheck.Result queue = new PushQueueCheck(repository.commonDir()).check();
        for (QueueProblem problem : queue.problems()) {
            findings.add(Finding.problem(Check.PUSH_QUEUE, problem.sentence() + " (pushes skip it)",
                    "the next successful 'entire checkpoint push' rewrites the queue without it"));
        }
        if (queue.problems().isEmpty()) {
            findings.add(Finding.ok(Check.PUSH_QUEUE, queue.entries() + " ref(s) queued, all well-formed"));
        }
    }

    private void owed(List<Finding> findings) {
        List<Path> unreadable = new OwedCheckpoints(repository).unreadable();
        for (Path file : unreadable) {
            findings.add(Finding.problem(Check.OWED, "owed-checkpoint mark " + file + " cannot be read (hooks set it"
                    + " aside and go on): the checkpoint it was for may never have been written", "if a commit's"
                    + " checkpoint is missing (see 'links'), 'entire attach <session-id>' captures its session; then"
                    + " delete " + file));
        }
        if (unreadable.isEmpty()) {
            findings.add(Finding.ok(Check.OWED, "every owed-checkpoint mark readable"));
        }
    }

    /** The current branch's lost links, each a finding; none when the stores cannot be read or listed. */
    private List<LostLink> links(List<Finding> findings, Optional<StoreSet> stores) {
        if (stores.isEmpty()) {
            findings.add(Finding.warning(Check.LINKS, "not checked: the settings select the stores and cannot be"
                    + " read", "fix the settings, then run 'entire doctor' again"));
            return List.of();
        }
        List<LostLink> lost;
        try {
            lost = new LostLinks(repository).find(new HashSet<>(stores.get().ids()));
        } catch (EntireException e) {
            // A damaged checkpoint ref (one edited to name a blob, say) must not hide the other findings.
            findings.add(Finding.problem(Check.LINKS, "not checked: the checkpoints cannot be listed: "
                    + e.getMessage(), "look at the checkpoint refs ('git for-each-ref refs/heads/entire refs/entire'"
                    + " and 'git cat-file -t' of each), then run 'entire doctor' again"));
            return List.of();
        }
        for (LostLink link : lost) {
            String commit = link.commit().abbreviated();
            findings.add(switch (link.kind()) {
                case MISSING_CHECKPOINT -> Finding.warning(Check.LINKS, "commit " + commit + " (" + link.subject()
                        + ") links checkpoint " + link.checkpoint() + ", which no store here has",
                        "fetch it ('entire checkpoint list --remote' shows the remote's), or point the commit at a"
                                + " stored checkpoint with 'entire link'");
                case DROPPED_TRAILER -> Finding.warning(Check.LINKS, "checkpoint " + link.checkpoint()
                        + " was linked by " + commit + " (" + link.subject() + "), which is no longer on the branch"
                        + link.replacement().map(found -> "; " + found.abbreviated() + " has the same tree")
                        .orElse(""), "entire link " + link.replacement().map(found -> found.abbreviated())
                        .orElse("<commit>") + " " + link.checkpoint());
            });
        }
        if (lost.isEmpty()) {
            findings.add(Finding.ok(Check.LINKS, "every checkpoint link of the current branch resolves"));
        }
        return lost;
    }
}
