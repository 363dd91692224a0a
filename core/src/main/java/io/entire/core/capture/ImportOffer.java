package io.entire.core.capture;

import static java.util.Objects.requireNonNull;

import io.entire.core.Environment;
import io.entire.core.Log;
import io.entire.core.agent.Agent;
import io.entire.core.git.GitRepository;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.OptionalInt;

/**
 * Whether {@code enable} should offer {@code import}: once per clone, when the agents' folders hold sessions of this
 * work tree. Counts the listed sessions only (no transcript is read, nothing is matched), so enable stays fast.
 */
public final class ImportOffer {
    private static final System.Logger LOG = Log.of(ImportOffer.class);
    /** Kept in the common dir, so every worktree of the clone shares it, and the offer is made once. */
    private static final String MARKER = "entire-import-offered";

    private final GitRepository repository;
    private final Environment environment;

    public ImportOffer(GitRepository repository, Environment environment) {
        this.repository = requireNonNull(repository, "repository is null");
        this.environment = requireNonNull(environment, "environment is null");
    }

    /**
     * How many past sessions of {@code agents} there are, when there are some and the offer was never made; the offer
     * is then remembered. Empty otherwise, and when the folders cannot be listed (logged: enable must not fail on it).
     */
    public OptionalInt offerOnce(List<Agent> agents) {
        Path marker = repository.commonDir().resolve(MARKER);
        if (Files.exists(marker)) {
            return OptionalInt.empty();
        }
        try {
            int count = 0;
            for (Agent agent : agents) {
                count += agent.transcriptLocator().pastSessions(repository.workTree(), environment).size();
            }
            if (count == 0) {
                return OptionalInt.empty();
            }
            Files.writeString(marker, environment.clock().instant() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return OptionalInt.of(count);
        } catch (FileAlreadyExistsException concurrentEnable) {
            return OptionalInt.empty();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "import not offered: the agents' past sessions could not be counted: "
                    + e.getMessage());
            return OptionalInt.empty();
        }
    }
}
