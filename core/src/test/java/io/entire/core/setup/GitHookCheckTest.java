package io.entire.core.setup;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.GitRepository;
import io.entire.core.setup.GitHookProblem.Kind;
import io.entire.core.testing.TestRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hooks {@code entire enable} installed in a real repository, then removed, replaced or edited. */
class GitHookCheckTest {
    @TempDir
    Path temp;

    @Test
    void eachProblemNamesTheHookItsFileAndWhyAsTheDoctorSentenceDid() throws Exception {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        Path hooks = repository.hooksDirectory();
        new GitHookInstaller(hooks).install("entire");
        assertThat(new GitHookCheck(hooks, repository.workTree()).problems()).isEmpty();
        Files.delete(hooks.resolve("post-rewrite"));
        Files.writeString(hooks.resolve("commit-msg"), "#!/bin/sh\nexec ./check-message \"$1\"\n");
        Files.writeString(hooks.resolve("pre-push"), "echo extra\n", StandardOpenOption.APPEND);

        assertThat(new GitHookCheck(hooks, repository.workTree()).problems()).containsExactly(
                new GitHookProblem("commit-msg", hooks.resolve("commit-msg"), Kind.FOREIGN),
                new GitHookProblem("pre-push", hooks.resolve("pre-push"), Kind.OTHER_VERSION),
                new GitHookProblem("post-rewrite", hooks.resolve("post-rewrite"), Kind.MISSING));
        assertThat(new GitHookCheck(hooks, repository.workTree()).problems()).extracting(GitHookProblem::sentence)
                .containsExactly(
                "commit-msg is not Entire's (" + hooks.resolve("commit-msg") + ")",
                "pre-push was written by another version of Entire", "post-rewrite is not installed");
    }

    @Test
    void underHuskyEachHookItsFilesDoNotRunIsNamedWithTheFileAndTheLinesToAdd() throws Exception {
        GitRepository repository = TestRepository.withCommit(temp.resolve("repo"));
        repository.git().run("config", "core.hooksPath", ".husky");
        Path husky = Files.createDirectories(repository.workTree().resolve(".husky"));
        for (String hook : GitHookScripts.HOOKS) {
            Files.writeString(husky.resolve(hook), "#!/bin/sh\nentire hooks git " + hook + " \"$@\" || true\n");
        }
        Files.writeString(husky.resolve("pre-push"), "#!/bin/sh\nnpm test\n");

        assertThat(new GitHookCheck(husky, repository.workTree()).problems()).containsExactly(
                new GitHookProblem("pre-push", husky.resolve("pre-push"), Kind.NOT_IN_MANAGER));
        assertThat(new GitHookCheck(husky, repository.workTree()).problems().get(0).fix())
                .isEqualTo("add the lines 'entire enable' prints to " + husky.resolve("pre-push"));
    }
}
