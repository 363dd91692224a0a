package io.entire.core.redact;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RedactorTest {

    @Test
    void findingsNameTheLineAndTheKindButNeverHoldTheSecret() {
        String token = "ghp_" + "k9Xc2QvT7mLp4RzW8bNd3HfJ6sGy1AeU5oKi";
        String jsonl = "{\"a\":\"clean\"}\n{\"b\":\"push with " + token + "\"}\n{\"c\":\"DB_PASSWORD=hunter22x\"}\n";
        Redactor redactor = new Redactor();

        assertThat(redactor.findInJsonl(new ByteArrayInputStream(jsonl.getBytes(UTF_8)))).containsExactly(
                new SecretFinding(2, List.of(SecretKind.GITHUB_TOKEN)),
                new SecretFinding(3, List.of(SecretKind.SECRET_VALUE)));
        assertThat(redactor.findInText("first prompt\n\n---\n\nuse " + token)).containsExactly(
                new SecretFinding(5, List.of(SecretKind.GITHUB_TOKEN)));
        assertThat(redactor.findInText("nothing here")).isEmpty();
    }
    private static final JsonFactory JSON = new JsonFactory();

    // Assembled from parts so that secret scanners on this repository do not flag the test itself.
    static Stream<Arguments> secrets() {
        return Stream.of(
                Arguments.of("aws access key id", "AKIA" + "Z7Q4M2XK9PLW3RTB"),
                Arguments.of("aws session key id", "ASIA" + "Y2R7B4NQ8KXW5MZC"),
                Arguments.of("github classic", "ghp_" + "k9Xc2QvT7mLp4RzW8bNd3HfJ6sGy1AeU5oKi"),
                Arguments.of("github oauth", "gho_" + "Q3wE5rT7yU9iO1pA3sD5fG7hJ9kL1zX3cV5b"),
                Arguments.of("github fine-grained",
                        "github_pat_" + "11ABCDEFG0aBcDeFgHiJkL_mNoPqRsTuVwXyZ0123456789abcdef"),
                Arguments.of("slack", "xoxb-" + "2837465019-1928374650-aB3dE5fG7hJ9kL1mN3pQ5rS7"),
                Arguments.of("openai", "sk-" + "proj-Tq8Zk2Lm5Xw9Rb4Nc7Vd1Hf3Jg6Ks0Py"),
                Arguments.of("anthropic", "sk-" + "ant-api03-Xq7Bz2Kd9Lm4Wp8Rt3Yv6Nc1Hf5Jg0Ts-Qa9Ze2AA"),
                Arguments.of("generic high entropy", "Zx8Kq3Lm9Vb2Nw7Rt4Yp6Hd1Jf5Gs0Aa"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secrets")
    void redactsKnownSecretsInText(String kind, String secret) {
        String text = "export TOKEN=" + secret + " # " + kind;

        assertThat(new Redactor().redactText(text)).isEqualTo("export TOKEN=REDACTED # " + kind);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secrets")
    void redactsKnownSecretsInJsonlAfterAnEscape(String kind, String secret) {
        // A JSON "\n" right before the secret: the raw text reads "\nghp_...", the decoded value does not.
        String line = "{\"type\":\"user\",\"message\":{\"content\":\"use this:\\n" + secret + "\"},\"n\":1.50}";

        Redacted result = redactJsonl(line + "\n");

        assertThat(result.text()).doesNotContain(secret)
                .isEqualTo("{\"type\":\"user\",\"message\":{\"content\":\"use this:\\nREDACTED\"},\"n\":1.50}\n");
        assertThat(result.result()).isEqualTo(new RedactionResult(1, 1, 1));
    }

    @Test
    void redactsAwsSecretAccessKeyAssignments() {
        String secret = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYzQ8XkW3pL9";

        assertThat(new Redactor().redactText("aws_secret_access_key = " + secret))
                .isEqualTo("aws_secret_access_key = REDACTED");
        assertThat(new Redactor().redactText("{\"SecretAccessKey\": \"" + secret + "\"}"))
                .isEqualTo("{\"SecretAccessKey\": \"REDACTED\"}");
    }

    @Test
    void redactsThePasswordOfUrlsWithCredentials() {
        Redactor redactor = new Redactor();

        assertThat(redactor.redactText("postgres://app:hunter2@db.internal:5432/app"))
                .isEqualTo("postgres://app:REDACTED@db.internal:5432/app");
        assertThat(redactor.redactText("redis://:s3cret@cache/0")).isEqualTo("redis://:REDACTED@cache/0");
        assertThat(redactor.redactText("see https://example.com:8443/path?q=a@b and git@github.com:o/r.git"))
                .isEqualTo("see https://example.com:8443/path?q=a@b and git@github.com:o/r.git");
        assertThat(redactor.redactText("https://user:REDACTED@host")).isEqualTo("https://user:REDACTED@host");
    }

    @Test
    void redactsPrivateKeyBlocksInDecodedJsonStrings() {
        String key = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n"
                + "QyNTUxOQAAACDx\n-----END OPENSSH PRIVATE KEY-----";
        String line = "{\"content\":\"key:\\n" + key.replace("\n", "\\n") + "\\ndone\"}";

        Redacted result = redactJsonl(line);

        assertThat(result.text()).isEqualTo("{\"content\":\"key:\\nREDACTED\\ndone\"}");
        assertThat(new Redactor().redactText("-----BEGIN RSA PRIVATE KEY-----\nMIIE...truncated"))
                .isEqualTo("REDACTED");
        assertThat(new Redactor().redactText("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"))
                .contains("BEGIN CERTIFICATE");
    }

    @Test
    void leavesIdsHashesPathsAndIdentifiersAlone() {
        String text = String.join(" ",
                "75c838dd-10e3-40cf-8df3-17f9955149f8",
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                "da39a3ee5e6b4b0d3255bfef95601890afd80709",
                "msg_01HzFRtFLjtrW8BUwoKmbS9i toolu_01SkRLt2x76JV6XrDq4od4Eq req_011CXrKbGQY3tEfJ8cNqWZyP",
                "/Users/paul/src/entireio/20260205-cli/cmd/entire/cli/settings/settings_test.go",
                "TestE2E_Scenario6_StashSecondPromptUnstashCommitAll HTTP2ServerConnectionHandler",
                "task-runner-for-integration-tests-2024 sk-learn-compatible-estimator-wrapper");

        assertThat(new Redactor().redactText(text)).isEqualTo(text);
    }

    @Test
    void cleanLinesAreCopiedByteForByte() {
        String input = "{\"a\":\"x\\u003cy\",\"n\":1e3 ,  \"u\":\"\\u00e9\"}\r\n\n  \nnot json\n{\"last\":true}";

        Redacted result = redactJsonl(input);

        assertThat(result.bytes()).isEqualTo(input.getBytes(UTF_8));
        assertThat(result.result()).isEqualTo(new RedactionResult(5, 0, 0));
    }

    @Test
    void redactedLinesKeepKeyOrderNumbersAndGoEscaping() {
        String secret = "ghp_" + "k9Xc2QvT7mLp4RzW8bNd3HfJ6sGy1AeU5oKi";
        String line = "{\"z\":1.0,\"a\":[true,null,-0.5e-3,\"<b>&\"],\"t\":\"" + secret + "\",\"k\":\"é😀\\u2028\"}";

        assertThat(redactJsonl(line).text()).isEqualTo(
                "{\"z\":1.0,\"a\":[true,null,-0.5e-3,\"\\u003cb\\u003e\\u0026\"],\"t\":\"REDACTED\","
                        + "\"k\":\"é😀\\u2028\"}");
    }

    @Test
    void aSecretUnderADuplicatedKeyIsStillRedacted() {
        String secret = "ghp_" + "k9Xc2QvT7mLp4RzW8bNd3HfJ6sGy1AeU5oKi";
        String line = "{\"a\":\"" + secret + "\",\"b\":1,\"a\":\"harmless\"}";

        Redacted result = redactJsonl(line);

        assertThat(result.text()).isEqualTo("{\"a\":\"REDACTED\",\"b\":1,\"a\":\"harmless\"}");
        assertThat(result.result()).isEqualTo(new RedactionResult(1, 1, 1));
    }

    @Test
    void secretsUsedAsMemberNamesAreRedactedWithoutMergingMembers() {
        String first = "ghp_" + "k9Xc2QvT7mLp4RzW8bNd3HfJ6sGy1AeU5oKi";
        String second = "ghp_" + "Q3wE5rT7yU9iO1pA3sD5fG7hJ9kL1zX3cV5b";

        assertThat(redactJsonl("{\"tokens\":{\"" + first + "\":1,\"other\":2}}").text())
                .isEqualTo("{\"tokens\":{\"REDACTED\":1,\"other\":2}}");
        Redacted both = redactJsonl("{\"" + first + "\":1,\"" + second + "\":2}");
        assertThat(both.text()).isEqualTo("{\"REDACTED\":1,\"REDACTED\":2}");
        assertThat(both.result()).isEqualTo(new RedactionResult(1, 1, 2));
    }

    @Test
    void redactedLinesWriteUnpairedSurrogatesAsTheReplacementCharacter() {
        String secret = "ghp_" + "k9Xc2QvT7mLp4RzW8bNd3HfJ6sGy1AeU5oKi";
        String line = "{\"t\":\"" + secret + "\",\"s\":\"\\ud800x \\ud83d\\ude00\"}";

        assertThat(redactJsonl(line).text()).isEqualTo("{\"t\":\"REDACTED\",\"s\":\"\ufffdx 😀\"}");
    }

    @Test
    void linesThatAreNotJsonGetPlainTextRedaction() {
        String secret = "xoxp-" + "1234567890-abcdefABCDEF123456";
        String input = "  \"content\": \"token \\\"" + secret + "\\\" here\",\n{\"broken\": \"" + secret + "\"\n";

        Redacted result = redactJsonl(input);

        assertThat(result.text()).isEqualTo("  \"content\": \"token \\\"REDACTED\\\" here\",\n"
                + "{\"broken\": \"REDACTED\"\n");
        assertThat(result.result()).isEqualTo(new RedactionResult(2, 2, 2));
    }

    @Test
    void signaturesKeepTheirRandomnessButNotKnownSecrets() {
        String signature = "EoYDCkYICxgCKkBY75SUE1kSdVbgUQs+NR3ZT4Kkz+wN9huWQXOLogeEPmINNb30GRgrWC4FloVh5341"
                .repeat(4);
        String line = "{\"type\":\"thinking\",\"signature\":\"" + signature + "\"}";

        assertThat(redactJsonl(line).text()).isEqualTo(line);
        assertThat(redactJsonl("{\"signature\":\"AKIA" + "Z7Q4M2XK9PLW3RTB\"}").text())
                .isEqualTo("{\"signature\":\"REDACTED\"}");
    }

    static Stream<Long> seeds() {
        return LongStream.rangeClosed(1, 25).boxed();
    }

    /** A real transcript seeded with every kind of secret at random places still parses and holds none of them. */
    @ParameterizedTest
    @MethodSource("seeds")
    void seededTranscriptStoresNoSecret(long seed) throws IOException {
        Random random = new Random(seed);
        List<String> secrets = secrets().map(arguments -> (String) arguments.get()[1]).toList();
        List<String> lines = new ArrayList<>(Files.readAllLines(Fixtures.claudeCodeTranscripts().get(0), UTF_8));
        for (String secret : secrets) {
            int index = random.nextInt(lines.size());
            String line = lines.get(index);
            int quote = line.indexOf("\":\"", random.nextInt(Math.max(1, line.length() / 2)));
            int at = quote < 0 ? line.indexOf("\":\"") + 3 : quote + 3;
            String separator = List.of(" ", "\\n", "\\t", "=", "\\\"").get(random.nextInt(5));
            lines.set(index, line.substring(0, at) + secret + separator + line.substring(at));
        }

        Redacted result = redactJsonl(String.join("\n", lines) + "\n");

        for (String secret : secrets) {
            assertThat(result.text()).doesNotContain(secret);
        }
        for (String line : result.text().split("\n")) {
            assertThat(isJson(line)).as(line).isTrue();
        }
        // Two secrets seeded side by side count as one.
        assertThat(result.result().secretsFound()).isBetween(1L, (long) secrets.size());
    }

    private static boolean isJson(String line) {
        try (JsonParser parser = JSON.createParser(line)) {
            parser.nextToken();
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    private static Redacted redactJsonl(String input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RedactionResult result = new Redactor().redactJsonl(new ByteArrayInputStream(input.getBytes(UTF_8)), out);
        return new Redacted(out.toByteArray(), result);
    }

    private record Redacted(byte[] bytes, RedactionResult result) {
        String text() {
            return new String(bytes, UTF_8);
        }
    }
}
