package dev.etcdsop.activities.notify;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/** Lowercase hex HMAC-SHA256, the one signature used by webhook bodies and button tokens. */
final class Hmac {
    private Hmac() {
    }

    static String sha256Hex(byte[] key, String message) {
        try {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            // Every Java runtime ships HmacSHA256, and a non-empty key is always a valid HMAC key.
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
