package io.entire.core.store.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.ObjectId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ShadowBranchTest {
    @Test
    void namesTheBranchAfterTheBaseCommitAndTheWorktreeIdsSha256() throws Exception {
        ObjectId base = ObjectId.of("92b2fb5ff45ad2a1082e7f863b5b82fe2d72ee4d");
        for (String worktreeId : new String[] {"", "feature-x", "wt2"}) {
            String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(worktreeId.getBytes(StandardCharsets.UTF_8)));
            assertThat(ShadowBranch.name(base, worktreeId).name())
                    .isEqualTo("refs/heads/entire/92b2fb5-" + sha256.substring(0, 6));
            assertThat(ShadowBranch.isShadow(ShadowBranch.name(base, worktreeId))).isTrue();
        }
    }
}
