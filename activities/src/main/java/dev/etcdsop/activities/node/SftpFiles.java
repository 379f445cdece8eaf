package dev.etcdsop.activities.node;

import net.schmizz.sshj.sftp.FileAttributes;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.RenameFlags;
import net.schmizz.sshj.sftp.Response;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.sftp.SFTPException;

import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.Optional;

/** {@link FileAccess} on a remote node through SFTP. */
final class SftpFiles implements FileAccess {

    /** Stays below the smallest write size SFTP servers must accept. */
    private static final int CHUNK = 32 * 1024;

    private final SFTPClient sftp;

    SftpFiles(SFTPClient sftp) {
        this.sftp = sftp;
    }

    @Override
    public Optional<StoredFile> load(String path) throws IOException {
        FileAttributes attributes = sftp.statExistence(path);
        if (attributes == null) {
            return Optional.empty();
        }
        try (RemoteFile file = sftp.open(path); InputStream in = file.new RemoteFileInputStream()) {
            return Optional.of(new StoredFile(in.readAllBytes(), attributes.getMode().getPermissionsMask()));
        }
    }

    @Override
    public void createDirectories(String dir) throws IOException {
        sftp.mkdirs(dir);
    }

    @Override
    public void createNew(String path, byte[] content, int mode) throws IOException {
        // Created with the wanted bits (minus the server's umask), then chmod adds back what the umask removed.
        FileAttributes attributes = new FileAttributes.Builder().withPermissions(mode).build();
        try (RemoteFile file = sftp.open(path, EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.EXCL), attributes)) {
            for (int offset = 0; offset < content.length; offset += CHUNK) {
                file.write(offset, content, offset, Math.min(CHUNK, content.length - offset));
            }
        }
        sftp.chmod(path, mode);
    }

    @Override
    public void chmod(String path, int mode) throws IOException {
        sftp.chmod(path, mode);
    }

    @Override
    public void replace(String source, String target) throws IOException {
        // OpenSSH speaks SFTP v3, where OVERWRITE makes sshj use the atomic posix-rename@openssh.com extension.
        sftp.rename(source, target, EnumSet.of(RenameFlags.OVERWRITE));
    }

    @Override
    public void deleteIfExists(String path) throws IOException {
        try {
            sftp.rm(path);
        } catch (SFTPException e) {
            if (e.getStatusCode() != Response.StatusCode.NO_SUCH_FILE) {
                throw e;
            }
        }
    }
}
