package io.entire.core.setup;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;
import io.entire.core.Environment;
import io.entire.core.OwnFiles;
import io.entire.core.agent.Agent;
import io.entire.core.agent.AgentSettingsHooks;
import io.entire.core.agent.Agents;
import io.entire.core.agent.DiscoveredAgent;
import io.entire.core.agent.ExistingHooks;
import io.entire.core.agent.HookInstallation;
import io.entire.core.git.GitRepository;
import io.entire.core.git.ObjectId;
import io.entire.core.git.RefName;
import io.entire.core.json.JsonBoolean;
import io.entire.core.json.JsonString;
import io.entire.core.json.JsonValue;
import io.entire.core.session.SessionStore;
import io.entire.core.settings.SettingsEditor;
import io.entire.core.settings.SettingsLoader;
import io.entire.core.store.ListingCache;
import io.entire.core.store.shadow.ShadowBranch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns live capture on and off in a repository: Entire's settings and {@code .entire/.gitignore}, the agent's hook
 * entries, and the git hooks. Checkpoint data is never touched.
 */
public final class Enabler {
    static final List<String> IGNORED = List.of("tmp/", "settings.local.json", "metadata/", "logs/");

    private final GitRepository repository;
    private final Environment environment;

    /**
     * An enabler for {@code repository}; {@code environment} locates the agents' homes, where an agent may keep a
     * record of its hooks (Codex trusts hooks in {@code $CODEX_HOME/config.toml}).
     */
    public Enabler(GitRepository repository, Environment environment) {
        this.repository = requireNonNull(repository, "repository is null");
        this.environment = requireNonNull(environment, "environment is null");
    }

    public EnableResult enable(EnableOptions options) {
        Path workTree = repository.workTree();
        // Both files must parse: a write into one while the other is broken reports success to hooks that then fail.
        SettingsLoader.load(workTree);
        SettingsEditor settings = switch (options.target()) {
            case PROJECT -> SettingsEditor.project(workTree);
            case LOCAL -> SettingsEditor.local(workTree);
            case AUTOMATIC -> SettingsEditor.project(workTree).exists() ? SettingsEditor.local(workTree)
                    : SettingsEditor.project(workTree);
        };
        Map<String, JsonValue> top = new LinkedHashMap<>();
        top.put("enabled", new JsonBoolean(true));
        top.put("strategy", new JsonString("manual-commit"));
        Map<String, JsonValue> strategyOptions = new LinkedHashMap<>();
        if (!options.pushSessions()) {
            strategyOptions.put("push_sessions", new JsonBoolean(false));
        }
        options.checkpointRemote().ifPresent(remote -> strategyOptions.put("checkpoint_remote",
                new JsonString(remote.location())));
        Path gitignore = workTree.resolve(SettingsLoader.DIRECTORY).resolve(".gitignore");
        AgentSettingsHooks agentHooks = options.agent().settingsHooks(workTree, environment);
        // Every file first, so that a link committed in the repository stops enable before it wrote anything.
        settings.requireNoLink();
        OwnFiles.requireNoLink(workTree, gitignore);
        agentHooks.requireNoLink();
        // The agent's files read and checked first: one that install could not edit stops enable before any write.
        agentHooks.requireInstallable(options.hookCommand(), options.existingHooks());
        settings.update(top, strategyOptions);
        writeGitignore(gitignore);
        HookInstallation installed = agentHooks.install(options.hookCommand(), options.existingHooks());
        GitHookInstallation gitHooks = new GitHookInstaller(repository.hooksDirectory()).install(options.hookCommand());
        return new EnableResult(settings.file(), installed, gitHooks);
    }

    /**
     * Sets {@code enabled: false}; with {@code uninstall}, also removes hooks, session state, shadow branches and the
     * listing caches (checkpoints stay).
     */
    public DisableResult disable(SettingsTarget target, Uninstall uninstall) {
        Path workTree = repository.workTree();
        SettingsLoader.load(workTree);   // as for enable: nothing is written while a settings file is broken
        SettingsEditor settings = target == SettingsTarget.PROJECT ? SettingsEditor.project(workTree)
                : SettingsEditor.local(workTree);
        settings.requireNoLink();
        List<AgentSettingsHooks> agentHooks = uninstall == Uninstall.REMOVE_HOOKS ? everyAgentsHooks(workTree, true)
                : List.of();
        agentHooks.forEach(AgentSettingsHooks::requireNoLink);
        // Each agent's file read first: a broken one stops the command before anything is removed or written.
        agentHooks.forEach(AgentSettingsHooks::anyInstalled);
        settings.update(Map.of("enabled", new JsonBoolean(false)), Map.of());
        return switch (uninstall) {
            case KEEP_HOOKS -> new DisableResult(settings.file(), List.of(), 0, 0, 0, false, List.of());
            case REMOVE_HOOKS -> {
                List<String> gitHooks = new GitHookInstaller(repository.hooksDirectory()).uninstall();
                int agentEntries = agentHooks.stream().mapToInt(AgentSettingsHooks::uninstall).sum();
                int sessions = SessionStore.deleteAll(repository.commonDir());
                ListingCache.deleteAll(repository.commonDir());
                int shadowBranches = deleteShadowBranches();
                // As the Go tool does, the folder goes too, unless it holds something that is not Entire's.
                EntireFolder folder = new EntireFolder(workTree);
                List<String> others = folder.othersFiles();
                yield new DisableResult(settings.file(), gitHooks, agentEntries, sessions, shadowBranches,
                        others.isEmpty() && folder.removeIfOnlyOurs(), others);
            }
        };
    }

    /** What {@code disable} removes besides setting {@code enabled: false}. */
    public enum Uninstall {
        /** Hooks stay and do nothing while disabled. */
        KEEP_HOOKS,
        /** {@code --uninstall}: hooks, agent hook entries, session state, shadow branches and listing caches go. */
        REMOVE_HOOKS
    }

    /**
     * Whether every git hook is in place, and every hook entry of at least one agent; each agent's file is read, and
     * one that cannot be read is reported rather than failing the question.
     */
    public InstalledHooks installedHooks() {
        boolean anyAgent = false;
        List<String> unreadable = new ArrayList<>();
        for (AgentSettingsHooks hooks : everyAgentsHooks(repository.workTree(), false)) {
            try {
                anyAgent |= hooks.installed();
            } catch (EntireException e) {
                unreadable.add(e.getMessage());
            }
        }
        return new InstalledHooks(anyAgent
                && new GitHookInstaller(repository.hooksDirectory()).installed(repository.workTree()), unreadable);
    }

    /** Where a hook manager that owns the git hooks wants Entire's lines ({@code .husky/<hook>}, ...), if one does. */
    public Optional<String> gitHookManagerConfiguration() {
        return new GitHookInstaller(repository.hooksDirectory()).manager().map(HookManager::configuration);
    }

    /**
     * Installs one more agent's hooks ({@code entire agent add}, or a repeated {@code enable --agent}); the settings
     * and git hooks are {@link #enable}'s.
     */
    public HookInstallation addAgent(Agent agent, String hookCommand, ExistingHooks existing) {
        AgentSettingsHooks hooks = agent.settingsHooks(repository.workTree(), environment);
        hooks.requireNoLink();
        return hooks.install(hookCommand, existing);
    }

    /** Removes one agent's hooks ({@code entire agent remove}); returns how many entries went. */
    public int removeAgent(Agent agent) {
        AgentSettingsHooks hooks = agent.settingsHooks(repository.workTree(), environment);
        hooks.requireNoLink();
        return hooks.uninstall();
    }

    /**
     * Every agent this program can record here, built in or an external agent on PATH, with whether its hooks are in
     * this work tree; an external agent whose binary cannot be used is listed with the problem.
     */
    public List<AgentHooksState> agents() {
        List<AgentHooksState> agents = new ArrayList<>();
        for (String slug : Agents.slugs()) {
            agents.add(state(slug, Agents.bySlug(slug), false));
        }
        for (DiscoveredAgent found : Agents.external(environment)) {
            agents.add(found.agent().map(agent -> state(found.slug(), agent, true))
                    .orElseGet(() -> new AgentHooksState(found.slug(), found.slug(), true, false, found.problem())));
        }
        return agents;
    }

    /** An agent's hooks here; a settings file that cannot be read is the agent's problem, not the listing's. */
    private AgentHooksState state(String slug, Agent agent, boolean external) {
        try {
            return new AgentHooksState(slug, agent.displayName(), external,
                    agent.settingsHooks(repository.workTree(), environment).installed(), "");
        } catch (EntireException e) {
            return new AgentHooksState(slug, agent.displayName(), external, false, e.getMessage());
        }
    }

    /**
     * Entire's hooks in the settings of every agent: {@code disable --uninstall} removes all it finds, the usable
     * external agents' included (each asked whether it has any).
     */
    private List<AgentSettingsHooks> everyAgentsHooks(Path workTree, boolean external) {
        List<AgentSettingsHooks> hooks = new ArrayList<>();
        for (String slug : Agents.slugs()) {
            hooks.add(Agents.bySlug(slug).settingsHooks(workTree, environment));
        }
        if (external) {
            for (DiscoveredAgent found : Agents.external(environment)) {
                found.agent().ifPresent(agent -> hooks.add(agent.settingsHooks(workTree, environment)));
            }
        }
        return hooks;
    }

    private int deleteShadowBranches() {
        int deleted = 0;
        for (Map.Entry<RefName, ObjectId> ref : repository.refs().list("refs/heads/entire/").entrySet()) {
            if (ShadowBranch.isShadow(ref.getKey())) {
                switch (repository.refs().delete(ref.getKey(), ref.getValue(), "entire: disable --uninstall")) {
                    case DELETED -> deleted++;
                    case CREATED, UPDATED, UNCHANGED, REJECTED_STALE, LOCKED -> {
                        // moved meanwhile (a session still writing): left for the next uninstall
                    }
                }
            }
        }
        return deleted;
    }

    private static void writeGitignore(Path file) {
        try {
            Files.createDirectories(file.getParent());
            List<String> lines = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8))
                    : new ArrayList<>();
            boolean changed = false;
            for (String pattern : IGNORED) {
                if (lines.stream().noneMatch(line -> line.strip().equals(pattern))) {
                    lines.add(pattern);
                    changed = true;
                }
            }
            if (changed) {
                Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }
}
