package dev.etcdsop.activities.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.Set;

/** Gives a local node's files to the user its service runs as, as Pigsty's tasks do (needs root). */
final class NodeOwners {
    private NodeOwners() {
    }

    static void give(String user, Path... files) {
        for (Path file : files) {
            chown(user, file);
        }
    }

    /** The data directory, owned by the service's user, mode 0700; its parent stays root's. */
    static void dataDirectory(String user, Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        chown(user, dir);
    }

    /**
     * Lets other users traverse (not list) {@code dir} and every directory above it, as /etc and /data are on a real
     * node: etcd, running as its own user, must reach its files.
     */
    static void traversable(Path dir) {
        try {
            for (Path d = dir.toAbsolutePath(); d != null; d = d.getParent()) {
                final Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(d);
                if (!permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    permissions.add(PosixFilePermission.OTHERS_EXECUTE);
                    permissions.add(PosixFilePermission.GROUP_EXECUTE);
                    Files.setPosixFilePermissions(d, permissions);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chown(String user, Path file) {
        try {
            final UserPrincipalLookupService users = file.getFileSystem().getUserPrincipalLookupService();
            final PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            view.setOwner(users.lookupPrincipalByName(user));
            view.setGroup(users.lookupPrincipalByGroupName(user));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot give " + file + " to user " + user + " (is there such a user, and do we run as"
                    + " root? scripts/install-deps.sh creates it): " + e.getMessage(), e);
        }
    }
}
