package io.entire.core.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entire.core.testing.PieceText;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SessionIdTest {
    /** The ids the format allows, as a regular expression says it; the hooks check them by hand. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,199}");
    private static final String CHARACTERS = "aZ09_.-/ \\:é\n";

    @Test
    void acceptsWhatTheExpressionAcceptsWithoutTwoDots() {
        PieceText values = PieceText.ofCharacters(11, CHARACTERS, 8);
        for (int i = 0; i < 20_000; i++) {
            String value = values.next();
            assertThat(SessionId.parse(value).isPresent()).as("'%s' is an id", value)
                    .isEqualTo(VALID.matcher(value).matches() && !value.contains(".."));
        }
    }

    @Test
    void takesUuidsAndDatedIdsUpTo200Characters() {
        assertThat(SessionId.parse("75c838dd-10e3-40cf-8df3-17f9955149f8")).isPresent();
        assertThat(SessionId.parse("2026-12-06-a1b2c3")).isPresent();
        assertThat(SessionId.parse("a".repeat(200))).isPresent();
        assertThat(SessionId.parse("a".repeat(201))).isEmpty();
        assertThatThrownBy(() -> SessionId.of("../etc")).isInstanceOf(InvalidIdException.class)
                .hasMessageContaining("invalid session id '../etc'");
    }
}
