package dev.etcdsop.worker.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's secrets, each read once from the file an environment variable names (never from the variable itself,
 * so they stay out of {@code ps} and of process dumps of the environment). Values never leave this class except as
 * comparisons and to the library that signs or verifies with them; nothing here is logged.
 */
final class GatewaySecrets {
    static final String SLACK_SIGNING_SECRET = "SLACK_SIGNING_SECRET_FILE";
    static final String SLACK_BOT_TOKEN = "SLACK_BOT_TOKEN_FILE";
    static final String MATTERMOST_COMMAND_TOKEN = "MATTERMOST_COMMAND_TOKEN_FILE";
    static final String MATTERMOST_ACTION_SECRET = "MATTERMOST_ACTION_SECRET_FILE";
    static final String ALERTMANAGER_TOKEN = "ALERTMANAGER_TOKEN_FILE";
    static final String GATEWAY_KEY = "GATEWAY_KEY_FILE";
    private static final List<String> TEXT_SECRETS = List.of(SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, MATTERMOST_COMMAND_TOKEN,
            MATTERMOST_ACTION_SECRET, ALERTMANAGER_TOKEN);

    private final Map<String, String> values;
    private final Map<String, Path> files;

    private GatewaySecrets(Map<String, String> values, Map<String, Path> files) {
        this.values = values;
        this.files = files;
    }

    /** Reads every secret whose variable is set; an unreadable file stops the gateway at start, naming the variable. */
    static GatewaySecrets fromEnvironment(Map<String, String> env) {
        final Map<String, String> values = new HashMap<>();
        final Map<String, Path> files = new HashMap<>();
        for (String variable : TEXT_SECRETS) {
            file(env, variable).ifPresent(path -> {
                try {
                    values.put(variable, Files.readString(path, StandardCharsets.UTF_8).strip());
                } catch (IOException e) {
                    throw new UncheckedIOException(variable + " names " + path + ", which cannot be read: " + e.getMessage(), e);
                }
            });
        }
        file(env, GATEWAY_KEY).ifPresent(path -> files.put(GATEWAY_KEY, path));
        return new GatewaySecrets(values, files);
    }

    private static Optional<Path> file(Map<String, String> env, String variable) {
        final String value = env.get(variable);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
    }

    Optional<String> text(String variable) {
        return Optional.ofNullable(values.get(variable));
    }

    Optional<Path> path(String variable) {
        return Optional.ofNullable(files.get(variable));
    }

    /** Whether {@code presented} equals the secret, in constant time; false when the secret is not configured. */
    boolean matches(String variable, String presented) {
        final String secret = values.get(variable);
        return secret != null && presented != null
                && MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    /** The answer of a channel whose secret is not configured. */
    static Reply notConfigured(String channel, String variable) {
        return new Reply(503, channel + " is not configured on this gateway: set " + variable
                + " to a file holding the secret and restart the gateway");
    }
}
