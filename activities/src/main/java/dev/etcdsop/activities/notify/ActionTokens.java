package dev.etcdsop.activities.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The token a chat button carries so the gateway knows the click came from a message this worker posted, for this run
 * and this action: lowercase hex of HMAC-SHA256(secret, workflowId + "\n" + action). A token for "approve" does not
 * approve another run, nor reject this one. The secret is the content of {@code MATTERMOST_ACTION_SECRET_FILE}.
 */
public final class ActionTokens {
    private ActionTokens() {
    }

    public static String token(byte[] secret, String workflowId, String action) {
        return Hmac.sha256Hex(secret, workflowId + "\n" + action);
    }

    /** Compared in constant time, so the answer's timing does not reveal how much of a forged token was right. */
    public static boolean matches(byte[] secret, String workflowId, String action, String token) {
        if (token == null || workflowId == null || action == null) {
            return false;
        }
        return MessageDigest.isEqual(token(secret, workflowId, action).getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }
}
