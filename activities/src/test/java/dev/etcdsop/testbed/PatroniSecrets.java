package dev.etcdsop.testbed;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The passwords of a test Patroni cluster. They are generated per cluster so that a suite can search workflow
 * histories and logs for them: none of them may ever show up there.
 */
public record PatroniSecrets(String superuserPassword, String replicationPassword, String restApiPassword) {
    private static final SecureRandom RANDOM = new SecureRandom();

    static PatroniSecrets generate() {
        return new PatroniSecrets(random(), random(), random());
    }

    public List<String> all() {
        return List.of(superuserPassword, replicationPassword, restApiPassword);
    }

    // Hex only: the values go into YAML, .pgpass and JDBC properties unquoted by anyone who copies them.
    private static String random() {
        final byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
