package dev.etcdsop.activities.node;

import java.util.regex.Pattern;

/**
 * What a written file should look like beyond its content. A new file gets {@code mode} and, when not null,
 * {@code owner} (a user name; the group is that user's). An existing file keeps its owner, group and mode, as an
 * operator's tools expect, unless {@code enforced}: a private key must stay 0600 and its service's, whatever happened
 * to it.
 */
public record FileSpec(String mode, String owner, boolean enforced) {
    private static final Pattern MODE = Pattern.compile("0?[0-7]{3}");
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_.-]*\\$?");

    public FileSpec {
        if (mode == null || !MODE.matcher(mode).matches()) {
            throw new IllegalArgumentException("file mode must be octal permission bits like \"0644\" or \"0600\", got: " + mode);
        }
        if (owner != null && !USER.matcher(owner).matches()) {
            throw new IllegalArgumentException("file owner must be a user name like etcd, got: " + owner);
        }
    }

    public static FileSpec newFile(String mode, String owner) {
        return new FileSpec(mode, owner, false);
    }

    public static FileSpec enforced(String mode, String owner) {
        return new FileSpec(mode, owner, true);
    }
}
