package io.entire.core.query;

import static java.util.Objects.requireNonNull;

import io.entire.core.Environment;
import io.entire.core.git.GitRepository;
import io.entire.core.push.PushQueue;
import io.entire.core.redact.RedactionRules;
import io.entire.core.redact.Redactor;
import io.entire.core.session.SessionState;
import io.entire.core.session.SessionStore;
import io.entire.core.settings.Settings;
import io.entire.core.settings.SettingsLoader;
import io.entire.core.setup.Enabler;
import io.entire.core.setup.InstalledHooks;
import java.util.ArrayList;
import java.util.List;

/** Reads what {@code entire status} shows; writes nothing. */
public final class StatusQuery {
    private final GitRepository repository;
    private final Enabler enabler;
    private final Environment environment;

    /** {@code enabler} tells whether the hooks are installed; {@code environment} finds external agents. */
    public StatusQuery(GitRepository repository, Enabler enabler, Environment environment) {
        this.repository = requireNonNull(repository, "repository is null");
        this.enabler = requireNonNull(enabler, "enabler is null");
        this.environment = requireNonNull(environment, "environment is null");
    }

    public RepositoryStatus read() {
        Settings settings = SettingsLoader.load(repository.workTree());
        List<SessionSummary> sessions = new ArrayList<>();
        // State files written before prompts were redacted on save, or before a rule was added, may hold a secret.
        RedactionRules rules = new RedactionRules(settings.redaction().allow(), settings.redaction().patterns());
        Redactor redactor = new Redactor(rules);
        SessionStore.Listing listing = new SessionStore(repository.commonDir(), environment, rules).listAll();
        for (SessionState state : listing.readable()) {
            // An ended session still shows while it has work no commit took yet (a `claude -p` run, say).
            if (!state.isDone()) {
                sessions.add(new SessionSummary(state.sessionId(), state.agent(), state.phase(), state.worktree(),
                        state.startedAt(), state.updatedAt(), redactor.redactText(state.firstPrompt()),
                        state.steps().size(), List.copyOf(state.files().keySet())));
            }
        }
        boolean setUp = SettingsLoader.isSetUp(repository.workTree());
        InstalledHooks hooks = enabler.installedHooks();
        return new RepositoryStatus(setUp, setUp && settings.enabled(), hooks.all(),
                enabler.gitHookManagerConfiguration(), settings.storeMode(), sessions,
                new PushQueue(repository.commonDir()).entries(), settings.unknownKeys(), hooks.unreadable(),
                listing.unreadable().stream().map(state -> "session state " + state.file() + " cannot be read ("
                        + state.problem() + "): commits are not linked to its session (see entire doctor)").toList());
    }
}
