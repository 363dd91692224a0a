package io.entire.core.agent.external;

import static java.util.Objects.requireNonNull;

import io.entire.core.agent.AgentSettingsHooks;
import io.entire.core.agent.ExistingHooks;
import io.entire.core.agent.HookInstallation;
import java.nio.file.Path;
import java.util.List;

/**
 * An external agent's hooks: its binary installs, removes and checks them ({@code install-hooks},
 * {@code uninstall-hooks}, {@code are-hooks-installed}) wherever its agent keeps them; this program never writes
 * that agent's settings itself, so there is no file of its own to check for links.
 */
final class ExternalSettingsHooks implements AgentSettingsHooks {
    private final Path workTree;
    private final ExternalAgentBinary binary;

    ExternalSettingsHooks(Path workTree, ExternalAgentBinary binary) {
        this.workTree = requireNonNull(workTree, "workTree is null");
        this.binary = requireNonNull(binary, "binary is null");
    }

    /** The work tree: the binary alone knows which of its agent's files hold the hooks. */
    @Override
    public Path file() {
        return workTree;
    }

    @Override
    public void requireNoLink() {
        // the binary writes its agent's settings; nothing of this program's goes there
    }

    /** The command is the binary's to choose: the Go protocol installs hooks that run {@code entire}. */
    @Override
    public HookInstallation install(String command, ExistingHooks existing) {
        long added = binary.installHooks(existing == ExistingHooks.REPLACE);
        return new HookInstallation(workTree, Math.toIntExact(Math.min(added, Integer.MAX_VALUE)),
                List.of("hooks installed by " + binary.path()));
    }

    /** One when the binary had hooks installed and removed them, zero when there were none. */
    @Override
    public int uninstall() {
        if (!binary.hooksInstalled()) {
            return 0;
        }
        binary.uninstallHooks();
        return 1;
    }

    @Override
    public boolean installed() {
        return binary.hooksInstalled();
    }

    /** The binary answers for all of its hooks at once. */
    @Override
    public boolean anyInstalled() {
        return installed();
    }

    @Override
    public List<String> problems() {
        return installed() ? List.of() : List.of("its hooks are not installed (" + binary.path() + " says so)");
    }
}
