package io.entire.core.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entire.core.Progress;
import io.entire.core.RandomSource;
import io.entire.core.git.Git;
import io.entire.core.git.GitRepository;
import io.entire.core.git.RefName;
import io.entire.core.id.CheckpointId;
import io.entire.core.json.JsonReader;
import io.entire.core.push.PushQueue;
import io.entire.core.redact.RedactionRules;
import io.entire.core.redact.Redactor;
import io.entire.core.settings.Settings;
import io.entire.core.store.StoreSet;
import io.entire.core.store.WriteKind;
import io.entire.core.store.refs.CheckpointRefs;
import io.entire.core.store.v2.V2StoreTest;
import io.entire.core.testing.Sessions;
import io.entire.core.testing.TestRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint stored in all three layouts before the project added a redaction pattern: {@code doctor verify}
 * names it, {@code redact --rewrite} redacts every copy, and nothing else changes.
 */
class SecretRewriterTest {
    private static final String LICENCE = "ACME-1234-5678";
    private static final Redactor TODAYS_RULES = new Redactor(new RedactionRules(List.of(),
            List.of(Pattern.compile("ACME-[0-9]{4}-[0-9]{4}"))));
    private static final String TRANSCRIPT = "{\"type\":\"user\",\"message\":{\"content\":\"hello\"}}\n"
            + "{\"type\":\"user\",\"message\":{\"content\":\"licence " + LICENCE + " please\"}}\n"
            + "{\"type\":\"assistant\",\"message\":{\"content\":\"done\"}}\n";
    private static final List<String> REFS = List.of("refs/heads/entire/checkpoints/v1",
            "refs/entire/checkpoints/v2/main", "refs/entire/checkpoints/v2/full/current");

    @TempDir
    Path temp;
    GitRepository repository;
    Git git;
    CheckpointId id;
    RefName checkpointRef;

    @BeforeEach
    void checkpointStoredBeforeThePatternExisted() {
        repository = TestRepository.withCommit(temp.resolve("repo"));
        git = repository.git();
        Settings settings = V2StoreTest.settings(repository,
                "{\"strategy_options\": {\"checkpoint_store\": \"refs-v1-mirror\", \"checkpoints_v2\": true}}");
        try (StoreSet stores = StoreSet.open(repository, settings, "test", new PushQueue(repository.commonDir()))) {
            id = stores.newCheckpointId(Clock.systemUTC(), RandomSource.system());
            stores.write(id, Sessions.content(temp, id, "s1", TRANSCRIPT, List.of("a.txt"),
                    List.of("renew " + LICENCE, "thanks")), WriteKind.CHECKPOINT);
            stores.write(id, Sessions.content(temp, id, "s2", "{\"clean\":true}\n", List.of("b.txt"), List.of("p")),
                    WriteKind.CHECKPOINT);
        }
        checkpointRef = CheckpointRefs.refFor(id);
        new PushQueue(repository.commonDir()).removeAll(List.of(checkpointRef));
    }

    @Test
    void verifyNamesTheSecretsRewriteRedactsEveryCopyAndLeavesTheRestAsItWas() {
        assertThat(new Verifier(repository, new Redactor()).verify(Progress.NONE).problems()).as("built-in rules")
                .isEmpty();
        List<VerifyProblem> found = new Verifier(repository, TODAYS_RULES).verify(Progress.NONE).problems();
        assertThat(found).extracting(VerifyProblem::kind).containsOnly(ProblemKind.SECRET);
        assertThat(found).extracting(VerifyProblem::line).containsExactlyInAnyOrder(
                line("branch", "0/full.jsonl line 2"), line("branch", "0/prompt.txt line 1"),
                line("refs", "0/full.jsonl line 2"), line("refs", "0/prompt.txt line 1"),
                line("v2", "0/prompt.txt line 1"), line("v2", "0/raw_transcript line 2"))
                .noneMatch(problem -> problem.contains(LICENCE));
        Map<String, Map<String, String>> before = trees();

        RedactRewrite rewrite = new SecretRewriter(repository, TODAYS_RULES).rewrite(id);

        assertThat(rewrite.rewritten()).extracting(ref -> ref.ref().name()).containsExactlyInAnyOrder(
                REFS.get(0), REFS.get(1), REFS.get(2), checkpointRef.name());
        assertThat(new Verifier(repository, TODAYS_RULES).verify(Progress.NONE).problems()).isEmpty();
        Map<String, Map<String, String>> after = trees();
        before.forEach((ref, files) -> files.forEach((path, blob) -> {
            boolean redacted = path.endsWith("0/full.jsonl") || path.endsWith("0/content_hash.txt")
                    || path.endsWith("0/prompt.txt") || path.endsWith("0/raw_transcript")
                    || path.endsWith("0/raw_transcript_hash.txt");
            assertThat(after.get(ref).get(path)).as(ref + ":" + path).matches(now -> redacted != now.equals(blob));
        }));
        assertThat(after).allSatisfy((ref, files) -> assertThat(files).hasSameSizeAs(before.get(ref)));
        String transcript = git.run("show", checkpointRef.name() + ":0/full.jsonl").text() + "\n";
        assertThat(transcript).doesNotContain(LICENCE).contains("licence REDACTED please");
        transcript.lines().forEach(jsonLine -> new JsonReader().parseObject(
                jsonLine.getBytes(StandardCharsets.UTF_8)));
        assertThat(git.run("show", checkpointRef.name() + ":0/prompt.txt").text())
                .isEqualTo("renew REDACTED\n\n---\n\nthanks");
        assertThat(git.run("log", "-1", "--format=%s", REFS.get(0)).text()).isEqualTo("Redact checkpoint: " + id);
        assertThat(new PushQueue(repository.commonDir()).entries()).containsExactly(checkpointRef);
        assertThat(new SecretRewriter(repository, TODAYS_RULES).rewrite(id).rewritten()).as("again").isEmpty();
    }

    @Test
    void aCheckpointNoStoreHoldsIsAnErrorAndNothingIsWritten() {
        Map<String, String> tips = tips();
        CheckpointId unknown = CheckpointId.of("a3b2c4d5e6f7");

        assertThatThrownBy(() -> new SecretRewriter(repository, TODAYS_RULES).rewrite(unknown))
                .isInstanceOf(CheckpointNotStoredException.class).hasMessageContaining("a3b2c4d5e6f7")
                .hasMessageContaining("nothing was rewritten");
        assertThat(tips()).isEqualTo(tips);
        assertThat(new PushQueue(repository.commonDir()).entries()).isEmpty();
    }

    private String line(String store, String where) {
        return id + " (" + store + "): " + where + ": match of redaction.patterns; run 'entire redact --rewrite " + id
                + "'";
    }

    private Map<String, String> tips() {
        return new LinkedHashMap<>(Map.of("all", git.run("for-each-ref", "--format=%(refname) %(objectname)").text()));
    }

    /** Each ref's files, by path, with their blob ids. */
    private Map<String, Map<String, String>> trees() {
        Map<String, Map<String, String>> trees = new LinkedHashMap<>();
        for (String ref : List.of(REFS.get(0), REFS.get(1), REFS.get(2), checkpointRef.name())) {
            Map<String, String> files = new LinkedHashMap<>();
            git.run("ls-tree", "-r", ref).text().lines().forEach(entry -> files.put(entry.substring(entry.indexOf('\t')
                    + 1), entry.split(" ")[2].substring(0, 40)));
            trees.put(ref, files);
        }
        return trees;
    }
}
