package dev.etcdsop.activities.notify;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class ActionTokensTest {
    private static final byte[] SECRET = "action-secret".getBytes(StandardCharsets.UTF_8);

    @Test
    void tokenIsHexHmacOfWorkflowIdNewlineAction() throws Exception {
        final Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        final String expected = HexFormat.of().formatHex(mac.doFinal("quota-1\napprove".getBytes(StandardCharsets.UTF_8)));
        assertThat(ActionTokens.token(SECRET, "quota-1", "approve")).isEqualTo(expected);
    }

    @Test
    void aTokenMatchesOnlyItsRunActionAndSecret() {
        final String token = ActionTokens.token(SECRET, "quota-1", "approve");
        assertThat(ActionTokens.matches(SECRET, "quota-1", "approve", token)).isTrue();
        assertThat(ActionTokens.matches(SECRET, "quota-1", "reject", token)).isFalse();
        assertThat(ActionTokens.matches(SECRET, "quota-2", "approve", token)).isFalse();
        assertThat(ActionTokens.matches("other".getBytes(StandardCharsets.UTF_8), "quota-1", "approve", token)).isFalse();
        assertThat(ActionTokens.matches(SECRET, "quota-1", "approve", null)).isFalse();
        assertThat(ActionTokens.matches(SECRET, "quota-1", "approve", token.substring(1))).isFalse();
    }
}
