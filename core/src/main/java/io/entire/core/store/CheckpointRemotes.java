package io.entire.core.store;

import static java.util.Objects.requireNonNull;

import io.entire.core.Log;
import io.entire.core.git.GitRepository;
import io.entire.core.git.Remote;
import io.entire.core.settings.CheckpointRemoteSetting;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chooses the remote that holds checkpoints: the {@code checkpoint_remote} setting when there is one, else the code
 * remote. Credentials are git's own (its credential helpers and SSH agent): nothing here stores any. A setting whose
 * owner differs from the code remote's on the same host looks inherited from the project a fork was made of, where
 * this clone cannot push; it is ignored with a warning, and the code remote keeps the checkpoints.
 */
public final class CheckpointRemotes {
    private static final System.Logger LOG = Log.of(CheckpointRemotes.class);
    private static final Map<String, String> FORGE_HOSTS = Map.of("github", "github.com", "gitlab", "gitlab.com",
            "bitbucket", "bitbucket.org");
    /** {@code scheme://[user@]host[:port]/owner/...} or scp-like {@code [user@]host:owner/...}. */
    private static final Pattern URL_OWNER = Pattern.compile(
            "(?:(?:https?|ssh|git)://(?:[^@/]+@)?([^/:]+)(?::\\d+)?/|(?:[^@/:]+@)?([^/:]+):)([^/]+)/.+");

    private final GitRepository repository;
    private final Optional<CheckpointRemoteSetting> setting;

    public CheckpointRemotes(GitRepository repository, Optional<CheckpointRemoteSetting> setting) {
        this.repository = requireNonNull(repository, "repository is null");
        this.setting = requireNonNull(setting, "setting is null");
    }

    /** Where the checkpoints of a push to {@code codeRemote} go. */
    public CheckpointDestination forCodeRemote(Remote codeRemote) {
        if (setting.isEmpty()) {
            return new CheckpointDestination(codeRemote, false, Optional.empty());
        }
        Optional<String> codeUrl = urlOf(codeRemote.name());
        String location = location(setting.get(), codeUrl);
        Optional<String> checkpointUrl = urlOf(location);
        Optional<HostOwner> code = codeUrl.flatMap(CheckpointRemotes::hostOwner);
        Optional<HostOwner> checkpoints = checkpointUrl.flatMap(CheckpointRemotes::hostOwner);
        if (code.isPresent() && checkpoints.isPresent() && code.get().host().equals(checkpoints.get().host())
                && !code.get().owner().equals(checkpoints.get().owner())) {
            String warning = "strategy_options.checkpoint_remote (" + setting.get().describe()
                    + ") ignored: its owner '" + checkpoints.get().owner() + "' is not the owner of "
                    + codeRemote.name() + " ('" + code.get().owner() + "'), as in a fork; checkpoints go to "
                    + codeRemote.name();
            LOG.log(Level.WARNING, warning);
            return new CheckpointDestination(codeRemote, false, Optional.of(warning));
        }
        return new CheckpointDestination(repository.remote(location), true, Optional.empty());
    }

    /** Where reads fetch checkpoints from: the destination of the default remote, or of the setting alone. */
    public Optional<CheckpointDestination> forReading() {
        Optional<Remote> code = repository.defaultRemote();
        if (code.isPresent()) {
            return Optional.of(forCodeRemote(code.get()));
        }
        return setting.map(remote -> new CheckpointDestination(repository.remote(location(remote, Optional.empty())),
                true, Optional.empty()));
    }

    /** The remote-tracking namespace of a destination: its remote's name, or a fixed one for a bare URL. */
    public String trackingName(CheckpointDestination destination) {
        String name = destination.remote().name();
        return repository.remoteNames().contains(name) ? name : CheckpointDestination.URL_TRACKING_NAME;
    }

    /** A configured remote's URL, or the location itself when it names no remote (then it is the URL). */
    private Optional<String> urlOf(String nameOrUrl) {
        return repository.remoteNames().contains(nameOrUrl) ? repository.remoteUrl(nameOrUrl)
                : Optional.of(nameOrUrl);
    }

    /** A forge repository speaks the protocol the code remote speaks, so the same credentials reach it. */
    private static String location(CheckpointRemoteSetting setting, Optional<String> codeUrl) {
        if (setting.provider().isEmpty()) {
            return setting.location();
        }
        String host = FORGE_HOSTS.get(setting.provider().get());
        boolean ssh = codeUrl.filter(url -> url.startsWith("ssh://") || url.matches("[^/:]+@[^/:]+:.*")).isPresent();
        return ssh ? "git@" + host + ":" + setting.location() + ".git"
                : "https://" + host + "/" + setting.location() + ".git";
    }

    static Optional<HostOwner> hostOwner(String url) {
        Matcher matcher = URL_OWNER.matcher(url);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String host = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
        return Optional.of(new HostOwner(host.toLowerCase(Locale.ROOT), matcher.group(3).toLowerCase(Locale.ROOT)));
    }

    record HostOwner(String host, String owner) {
    }
}
