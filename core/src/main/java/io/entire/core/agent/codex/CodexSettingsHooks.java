package io.entire.core.agent.codex;

import static java.util.Objects.requireNonNull;

import io.entire.core.Environment;
import io.entire.core.agent.AgentSettingsHooks;
import io.entire.core.agent.ExistingHooks;
import io.entire.core.agent.HookInstallation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Entire's hooks for Codex: the entries in {@code .codex/hooks.json} and, since {@code codex exec} silently skips a
 * hook the user has not trusted, their trust record in the user's {@code $CODEX_HOME/config.toml}, written the way
 * Codex writes it when the user trusts a hook in {@code /hooks}.
 */
final class CodexSettingsHooks implements AgentSettingsHooks {
    private final Path workTree;
    private final CodexHooksFile hooksFile;
    private final CodexHookTrust trust;

    CodexSettingsHooks(Path workTree, Environment environment) {
        this.workTree = requireNonNull(workTree, "workTree is null");
        this.hooksFile = new CodexHooksFile(workTree);
        this.trust = new CodexHookTrust(CodexHome.directory(environment));
    }

    @Override
    public Path file() {
        return hooksFile.file();
    }

    @Override
    public void requireNoLink() {
        hooksFile.requireNoLink();
    }

    @Override
    public void requireInstallable(String command, ExistingHooks existing) {
        planned(command, existing);
    }

    @Override
    public HookInstallation install(String command, ExistingHooks existing) {
        Planned planned = planned(command, existing);
        int added = hooksFile.install(planned.hooks());
        CodexHookTrust.Outcome outcome = trust.write(planned.trust());
        Path project = planned.project();
        List<String> notices = new ArrayList<>();
        if (outcome.hooksTrusted() > 0) {
            notices.add("Codex: trusted Entire's " + outcome.hooksTrusted() + " hooks in " + trust.config()
                    + " (codex exec skips hooks nobody trusted)");
        }
        switch (outcome.projectTrust()) {
            case TRUSTED -> {
                // nothing to say: the user trusted the project before
            }
            case TRUSTED_NOW -> notices.add("Codex: marked " + project + " as a trusted project in " + trust.config()
                    + " (Codex runs a project's hooks only then)");
            case UNTRUSTED_BY_USER -> notices.add("Codex: " + project + " is marked untrusted in " + trust.config()
                    + ", so Codex will not run Entire's hooks; set its trust_level to \"trusted\" to record sessions");
        }
        return new HookInstallation(hooksFile.file(), added, notices);
    }

    @Override
    public int uninstall() {
        List<EntireHookEntry> entries = hooksFile.entries();
        trust.forget(realWorkTree().resolve(CodexHooksFile.FILE), entries);
        return hooksFile.uninstall();
    }

    @Override
    public boolean installed() {
        return hooksFile.installed();
    }

    @Override
    public boolean anyInstalled() {
        return !hooksFile.entries().isEmpty();
    }

    @Override
    public List<String> problems() {
        List<EntireHookEntry> entries = hooksFile.entries();
        return Arrays.stream(CodexHookEvent.values())
                .filter(event -> entries.stream().noneMatch(entry -> entry.event() == event))
                .map(event -> event.settingsName() + " has no Entire hook")
                .toList();
    }

    /** The hooks.json and trust record an install writes, for the project at its real path. */
    private record Planned(Path project, CodexHooksFile.Plan hooks, CodexHookTrust.Edit trust) {
    }

    // The trust record is edited and checked before hooks.json changes: hooks nobody trusts would be skipped.
    private Planned planned(String command, ExistingHooks existing) {
        CodexHooksFile.Plan hooks = hooksFile.plan(command, existing);
        Path project = realWorkTree();
        return new Planned(project, hooks, trust.plan(project, project.resolve(CodexHooksFile.FILE),
                hooksFile.entries(hooks)));
    }

    // Codex keys its trust by the real path of the project's hooks.json.
    private Path realWorkTree() {
        try {
            return workTree.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + workTree, e);
        }
    }
}
