package io.entire.core.redact;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A project's allowed text and extra patterns, in plain text, JSON strings, secret members and escaped JSON. */
class RedactionRulesTest {
    // Assembled from parts so that secret scanners on this repository do not flag the test itself.
    private static final String ALLOWED_KEY = "AKIA" + "Z7Q4M2XK9PLW3RTB";
    private static final String OTHER_KEY = "AKIA" + "Y2R7B4NQ8KXW5MZC";
    private static final String TEST_TOKEN = "ghp_" + "k9Xc2QvT7mLp4RzW8bNd3HfJ6sGy1AeU5oKi";
    private static final RedactionRules RULES = new RedactionRules(
            List.of(Pattern.compile(Pattern.quote(ALLOWED_KEY)), Pattern.compile("ghp_k9Xc[A-Za-z0-9]+")),
            List.of(Pattern.compile("ACME-[0-9]{4}-[0-9]{4}")));

    @Test
    void allowedTextStaysAndCustomPatternsAreRedactedInPlainText() {
        String text = "keys " + ALLOWED_KEY + " " + OTHER_KEY + " " + TEST_TOKEN + " licence ACME-1234-5678 ACME-12";

        assertThat(new Redactor(RULES).redactText(text)).isEqualTo(
                "keys " + ALLOWED_KEY + " REDACTED " + TEST_TOKEN + " licence REDACTED ACME-12");
        assertThat(new Redactor().redactText(text)).as("without the rules")
                .isEqualTo("keys REDACTED REDACTED REDACTED licence ACME-1234-5678 ACME-12");
    }

    @Test
    void rulesApplyToJsonStringsSecretMembersAndEscapedJson() {
        String line = "{\"a\":\"" + ALLOWED_KEY + "\",\"client_secret\":\"" + ALLOWED_KEY
                + "\",\"b\":\"ACME-1234-5678\","
                + "\"c\":\"{\\\"k\\\":\\\"ACME-9999-0000\\\"}\",\"d\":\"" + OTHER_KEY + "\"}\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        RedactionResult result = new Redactor(RULES).redactJsonl(new ByteArrayInputStream(line.getBytes(UTF_8)), out);

        assertThat(out.toString(UTF_8)).isEqualTo("{\"a\":\"" + ALLOWED_KEY + "\",\"client_secret\":\"" + ALLOWED_KEY
                + "\",\"b\":\"REDACTED\",\"c\":\"{\\\"k\\\":\\\"REDACTED\\\"}\",\"d\":\"REDACTED\"}\n");
        assertThat(result.secretsFound()).isEqualTo(3);
    }

    @Test
    void theSameTextIsRedactedTheSameWayLineByLine() {
        String first = "{\"m\":\"" + OTHER_KEY + " ACME-1234-5678\"}\n";
        String second = "{\"m\":\"more " + TEST_TOKEN + "\"}\n";
        ByteArrayOutputStream prefix = new ByteArrayOutputStream();
        ByteArrayOutputStream grown = new ByteArrayOutputStream();

        new Redactor(RULES).redactJsonl(new ByteArrayInputStream(first.getBytes(UTF_8)), prefix);
        new Redactor(RULES).redactJsonl(new ByteArrayInputStream((first + second).getBytes(UTF_8)), grown);

        assertThat(grown.toString(UTF_8)).startsWith(prefix.toString(UTF_8));
    }
}
