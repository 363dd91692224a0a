package io.entire.core.store.shadow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.entire.core.id.SessionId;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepMessageTest {
    private static final SessionId SESSION = SessionId.of("75c838dd-10e3-40cf-8df3-17f9955149f8");

    @Test
    void theMessageHasTheSubjectThenTheThreeTrailersInTheGoToolsOrder() {
        assertThat(StepMessage.of("Write a lexer", SESSION)).isEqualTo("""
                Write a lexer

                Entire-Metadata: .entire/metadata/75c838dd-10e3-40cf-8df3-17f9955149f8
                Entire-Session: 75c838dd-10e3-40cf-8df3-17f9955149f8
                Entire-Strategy: manual-commit
                """);
    }

    @Test
    void aSubjectIsOneNonBlankLine() {
        assertThatThrownBy(() -> StepMessage.of("Write\nEntire-Session: other", SESSION))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StepMessage.of(" ", SESSION)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSubjectIsTheLastPromptCleanedAsTheGoToolCleansIt() {
        assertThat(StepMessage.subject(List.of("first", "Can you please write a lexer?"), "Claude Code"))
                .isEqualTo("Write a lexer");
        assertThat(StepMessage.subject(List.of("I'd like you to add tests"), "Claude Code")).isEqualTo("Add tests");
        assertThat(StepMessage.subject(List.of("fix   the\nparser\n\nthen run it"), "Claude Code"))
                .isEqualTo("Fix the parser then run it");
        assertThat(StepMessage.subject(List.of("é".repeat(80)), "Claude Code")).isEqualTo("É" + "é".repeat(71));
        assertThat(StepMessage.subject(List.of("😀".repeat(80)), "Claude Code"))
                .as("72 characters, never half of one").isEqualTo("😀".repeat(72));
    }

    @Test
    void withoutAPromptTheSubjectNamesTheAgent() {
        assertThat(StepMessage.subject(List.of(), "Gemini CLI")).isEqualTo("Gemini CLI session updates");
        assertThat(StepMessage.subject(List.of("Please ?"), "Claude Code")).isEqualTo("Claude Code session updates");
    }
}
