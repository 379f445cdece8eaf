package dev.etcdsop.activities.node;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** {@link FileAccess} on the worker's own file system. */
final class LocalFiles implements FileAccess {

    // PosixFilePermission's declaration order is owner rwx, group rwx, others rwx: bit 8 down to bit 0.
    private static final PosixFilePermission[] BITS = PosixFilePermission.values();

    @Override
    public Optional<StoredFile> load(String path) throws IOException {
        Path file = Path.of(path);
        try {
            int mode = toMode(Files.getPosixFilePermissions(file));
            return Optional.of(new StoredFile(Files.readAllBytes(file), mode));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void createDirectories(String dir) throws IOException {
        Files.createDirectories(Path.of(dir));
    }

    @Override
    public void createNew(String path, byte[] content, int mode) throws IOException {
        Path file = Path.of(path);
        Set<PosixFilePermission> permissions = toPermissions(mode);
        // Created with the wanted bits (minus umask) so a 0600 file is never readable by others, not even
        // briefly; the chmod afterwards adds back what the umask removed.
        try (SeekableByteChannel channel = Files.newByteChannel(file,
                EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(permissions))) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
        Files.setPosixFilePermissions(file, permissions);
    }

    @Override
    public void chmod(String path, int mode) throws IOException {
        Files.setPosixFilePermissions(Path.of(path), toPermissions(mode));
    }

    @Override
    public void replace(String source, String target) throws IOException {
        Files.move(Path.of(source), Path.of(target), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void deleteIfExists(String path) throws IOException {
        Files.deleteIfExists(Path.of(path));
    }

    private static int toMode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }

    private static Set<PosixFilePermission> toPermissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission p : BITS) {
            if ((mode & (1 << (8 - p.ordinal()))) != 0) {
                permissions.add(p);
            }
        }
        return permissions;
    }
}
