package io.entire.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TokenCountTest {
    @Test
    void aCountIsAWholeNumberUpToTwoToThe53rdLessOneAndAnythingElseCountsZero() {
        JsonReader json = new JsonReader();
        String usage = "{\"whole\": 12, \"fraction\": 12.9, \"largest\": 9007199254740991,"
                + " \"larger\": 9007199254740992, \"huge\": 1e400, \"negative\": -3, \"text\": \"12\", \"null\": null}";

        JsonObject object = json.parseObject(usage.getBytes(StandardCharsets.UTF_8));

        assertThat(TokenCount.of(object.member("whole"))).isEqualTo(12);
        assertThat(TokenCount.of(object.member("fraction"))).isEqualTo(12);
        assertThat(TokenCount.of(object.member("largest"))).isEqualTo(TokenCount.LARGEST);
        assertThat(TokenCount.of(object.member("larger"))).isZero();
        assertThat(TokenCount.of(object.member("huge"))).isZero();
        assertThat(TokenCount.of(object.member("negative"))).isZero();
        assertThat(TokenCount.of(object.member("text"))).isZero();
        assertThat(TokenCount.of(object.member("null"))).isZero();
        assertThat(TokenCount.of(object.member("absent"))).isZero();
    }

    @Test
    void sumsStopAtTheLargestLongAndMetadataWithAHugeCountStillReads() {
        TokenUsage big = new TokenUsage(Long.MAX_VALUE - 1, 0, 0, 1, 1);

        assertThat(big.plus(big)).isEqualTo(new TokenUsage(Long.MAX_VALUE, 0, 0, 2, 2));
        assertThat(TokenUsageJson.read(new JsonReader().parseObject(("{\"input_tokens\": 1e400, \"output_tokens\": 4,"
                + " \"api_call_count\": 1}").getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(new TokenUsage(0, 0, 0, 4, 1));
    }
}
